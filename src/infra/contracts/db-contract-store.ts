import type { Kysely, Selectable } from 'kysely';
import type { ContractData } from '../../core/contract/contract-data';
import { AppError } from '../../core/errors';
import type {
  ContractRecord,
  ContractStore,
  SealAuthorisationRecord,
  SignerRecord,
  SigningIntent,
} from '../../features/contracts/contract-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { ContractSignersTable, ContractsTable, Database, SealAuthorisationsTable } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { queueEvidence } from '../ledger/queue-evidence';

/**
 * Contracts in PostgreSQL/PGlite. The PDF revisions, the contract data, signer names and commitment
 * salts are envelope-encrypted; hashes, terms and statuses are in clear. A signature's revision, the
 * signer's row, the contract's status and the ledger leaves commit together, guarded by the expected
 * revision so two parties signing at once cannot both build on the same revision.
 */
export function createDbContractStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): ContractStore {
  const toContract = (r: Selectable<ContractsTable>): ContractRecord => ({
    id: r.id,
    applicationId: r.application_id,
    contractNumber: r.contract_number,
    templateVersion: r.template_version,
    locale: r.locale,
    signingOrder: r.signing_order,
    status: r.status,
    amount: r.amount,
    termMonths: r.term_months,
    nominalAnnualRate: r.nominal_rate,
    annualisedRate: r.annualised_rate,
    pageCount: r.page_count,
    contentSha256: r.content_sha256,
    revision: r.revision,
    currentSha256: r.current_sha256,
    data: JSON.parse(cipher.decrypt(r.data_enc)) as ContractData,
    createdBy: r.created_by,
    createdAt: r.created_at,
    completedAt: r.completed_at,
  });
  const toSigner = (r: Selectable<ContractSignersTable>): SignerRecord => ({
    id: r.id,
    contractId: r.contract_id,
    position: r.position,
    role: r.role,
    fieldName: r.field_name,
    accountId: r.account_id,
    displayName: cipher.decrypt(r.display_name_enc),
    idNumberCommitment: r.id_commitment,
    idCommitmentSalt: r.id_commitment_salt_enc
      ? Buffer.from(cipher.decrypt(r.id_commitment_salt_enc), 'hex')
      : null,
    status: r.status,
    signedAt: r.signed_at,
    signedBy: r.signed_by,
    sealAuthorisationId: r.seal_authorisation_id,
    certificateSha256: r.certificate_sha256,
    certificateSerial: r.certificate_serial,
    signatureRevision: r.signature_revision,
    intent: (typeof r.intent === 'string' ? JSON.parse(r.intent) : r.intent) as SigningIntent | null,
    intentSha256: r.intent_sha256,
  });
  const toAuthorisation = (r: Selectable<SealAuthorisationsTable>): SealAuthorisationRecord => ({
    id: r.id,
    scope: r.scope,
    maxAmount: r.max_amount,
    reason: r.reason,
    grantedBy: r.granted_by,
    grantedAt: r.granted_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    revokeReason: r.revoke_reason,
  });

  return {
    async create({ contract: c, signers, pdf, evidence }) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('contracts')
            .values({
              id: c.id,
              application_id: c.applicationId,
              contract_number: c.contractNumber,
              template_version: c.templateVersion,
              locale: c.locale,
              signing_order: c.signingOrder,
              status: c.status,
              amount: c.amount,
              term_months: c.termMonths,
              nominal_rate: c.nominalAnnualRate,
              annualised_rate: c.annualisedRate,
              page_count: c.pageCount,
              content_sha256: c.contentSha256,
              revision: c.revision,
              current_sha256: c.currentSha256,
              data_enc: cipher.encrypt(JSON.stringify(c.data)),
              created_by: c.createdBy,
              created_at: c.createdAt,
              completed_at: c.completedAt,
            })
            .execute();
          await trx
            .insertInto('contract_revisions')
            .values({
              contract_id: c.id,
              revision: 0,
              sha256: c.contentSha256,
              pdf_enc: cipher.encryptBytes(pdf),
              created_at: c.createdAt,
            })
            .execute();
          await trx
            .insertInto('contract_signers')
            .values(
              signers.map((s) => ({
                id: s.id,
                contract_id: c.id,
                position: s.position,
                role: s.role,
                field_name: s.fieldName,
                account_id: s.accountId,
                display_name_enc: cipher.encrypt(s.displayName),
                id_commitment: s.idNumberCommitment,
                id_commitment_salt_enc: s.idCommitmentSalt
                  ? cipher.encrypt(s.idCommitmentSalt.toString('hex'))
                  : null,
                status: s.status,
                signed_at: null,
                signed_by: null,
                seal_authorisation_id: null,
                certificate_sha256: null,
                certificate_serial: null,
                signature_revision: null,
                intent: null,
                intent_sha256: null,
              })),
            )
            .execute();
          await queueEvidence(trx, [evidence]);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw new AppError('CONTRACT_EXISTS');
        throw e;
      }
    },

    async findById(id) {
      const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toContract(row);
    },

    async findByApplication(applicationId) {
      const row = await db
        .selectFrom('contracts')
        .selectAll()
        .where('application_id', '=', applicationId)
        .executeTakeFirst();
      return row && toContract(row);
    },

    async listForAccount(accountId) {
      const rows = await db
        .selectFrom('contracts')
        .selectAll('contracts')
        .where(
          'id',
          'in',
          db.selectFrom('contract_signers').select('contract_id').where('account_id', '=', accountId),
        )
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(toContract);
    },

    async signers(contractId) {
      const rows = await db
        .selectFrom('contract_signers')
        .selectAll()
        .where('contract_id', '=', contractId)
        .orderBy('position')
        .execute();
      return rows.map(toSigner);
    },

    async pagesRead(contractId) {
      const rows = await db
        .selectFrom('contract_page_reads')
        .selectAll()
        .where('contract_id', '=', contractId)
        .orderBy('first_read_at')
        .orderBy('page')
        .execute();
      const byAccount = new Map<string, { page: number; at: Date }[]>();
      for (const r of rows) {
        const list = byAccount.get(r.account_id) ?? [];
        list.push({ page: r.page, at: r.first_read_at });
        byAccount.set(r.account_id, list);
      }
      return byAccount;
    },

    async recordPageRead({ contractId, accountId, page, at }) {
      await db
        .insertInto('contract_page_reads')
        .values({ contract_id: contractId, account_id: accountId, page, first_read_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async document(contractId, revision) {
      const row = await db
        .selectFrom('contract_revisions')
        .select('pdf_enc')
        .where('contract_id', '=', contractId)
        .where('revision', '=', revision)
        .executeTakeFirst();
      return row && cipher.decryptBytes(Buffer.from(row.pdf_enc));
    },

    async appendSignature(w) {
      return db.transaction().execute(async (trx) => {
        const moved = await trx
          .updateTable('contracts')
          .set({
            revision: w.expectedRevision + 1,
            current_sha256: w.sha256,
            status: w.status,
            completed_at: w.completedAt,
          })
          .where('id', '=', w.contractId)
          .where('revision', '=', w.expectedRevision)
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return false;
        await trx
          .insertInto('contract_revisions')
          .values({
            contract_id: w.contractId,
            revision: w.expectedRevision + 1,
            sha256: w.sha256,
            pdf_enc: cipher.encryptBytes(w.pdf),
            created_at: w.signer.signedAt ?? new Date(),
          })
          .execute();
        const signed = await trx
          .updateTable('contract_signers')
          .set({
            status: 'signed',
            signed_at: w.signer.signedAt,
            signed_by: w.signer.signedBy,
            seal_authorisation_id: w.signer.sealAuthorisationId,
            certificate_sha256: w.signer.certificateSha256,
            certificate_serial: w.signer.certificateSerial,
            signature_revision: w.expectedRevision + 1,
            intent: w.signer.intent === null ? null : JSON.stringify(w.signer.intent),
            intent_sha256: w.signer.intentSha256,
          })
          .where('id', '=', w.signer.id)
          .where('contract_id', '=', w.contractId)
          .where('status', '=', 'pending')
          .executeTakeFirst();
        if (Number(signed.numUpdatedRows) !== 1) throw new AppError('ALREADY_SIGNED');
        await queueEvidence(trx, w.evidence);
        return true;
      });
    },

    async addSealAuthorisation(a, evidence) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('seal_authorisations')
          .values({
            id: a.id,
            scope: a.scope,
            max_amount: a.maxAmount,
            reason: a.reason,
            granted_by: a.grantedBy,
            granted_at: a.grantedAt,
            expires_at: a.expiresAt,
            revoked_at: null,
            revoked_by: null,
            revoke_reason: null,
          })
          .execute();
        await queueEvidence(trx, [evidence]);
      });
    },

    async sealAuthorisations() {
      const rows = await db
        .selectFrom('seal_authorisations')
        .selectAll()
        .orderBy('granted_at', 'desc')
        .execute();
      return rows.map(toAuthorisation);
    },

    async findSealAuthorisation(id) {
      const row = await db
        .selectFrom('seal_authorisations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAuthorisation(row);
    },

    async revokeSealAuthorisation({ id, by, reason, at, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('seal_authorisations')
          .set({ revoked_at: at, revoked_by: by, revoke_reason: reason })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await queueEvidence(trx, [evidence]);
        return toAuthorisation(row);
      });
    },
  };
}
