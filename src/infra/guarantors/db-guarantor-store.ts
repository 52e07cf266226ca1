import type { Kysely, Selectable } from 'kysely';
import type { GuarantorRelationship } from '../../core/guarantors/guarantee';
import type {
  GuarantorInvitationRecord,
  GuarantorStore,
} from '../../features/guarantors/guarantor-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import type { GuarantorInvitationsTable } from '../db/tables/guarantors';
import { isUniqueViolation } from '../db/errors';
import { queueEvidence } from '../ledger/queue-evidence';

/** numeric(15,2) comes back as a string; keep two places whatever the driver gave. */
const yuan = (v: string) => (v.includes('.') ? v : `${v}.00`);

/**
 * Guarantor invitations in PostgreSQL/PGlite. Name, mobile and decline reason are envelope-encrypted;
 * the mobile is also a keyed HMAC in the accounts' hash space ('mobile'), so the invitations addressed
 * to an account are found by joining on `accounts.mobile_hmac`. Each write queues its evidence in the
 * same transaction; an update takes the version read.
 */
export function createDbGuarantorStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): GuarantorStore {
  const toRecord = (r: Selectable<GuarantorInvitationsTable>): GuarantorInvitationRecord => ({
    id: r.id,
    applicationId: r.application_id,
    name: cipher.decrypt(r.name_enc),
    mobile: cipher.decrypt(r.mobile_enc),
    mobileMasked: r.mobile_masked,
    relationship: r.relationship as GuarantorRelationship,
    guaranteedAmount: yuan(r.guaranteed_amount),
    invitedBySide: r.invited_by_side,
    invitedBy: r.invited_by,
    invitedAt: r.invited_at,
    status: r.status,
    version: r.version,
    answeredAt: r.answered_at,
    declineReason: r.decline_reason_enc === null ? null : cipher.decrypt(r.decline_reason_enc),
    consentVersion: r.consent_version,
    consentSha256: r.consent_sha256,
    consentLocale: r.consent_locale,
    guarantorAccountId: r.guarantor_account_id,
    withdrawnAt: r.withdrawn_at,
    withdrawnBy: r.withdrawn_by,
    leafHash: r.leaf_hash,
  });

  return {
    async create({ record: r, evidence }) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('guarantor_invitations')
            .values({
              id: r.id,
              application_id: r.applicationId,
              name_enc: cipher.encrypt(r.name),
              mobile_enc: cipher.encrypt(r.mobile),
              mobile_hmac: cipher.lookupHash('mobile', r.mobile),
              mobile_masked: r.mobileMasked,
              relationship: r.relationship,
              guaranteed_amount: r.guaranteedAmount,
              invited_by_side: r.invitedBySide,
              invited_by: r.invitedBy,
              invited_at: r.invitedAt,
              status: r.status,
              version: r.version,
              answered_at: r.answeredAt,
              decline_reason_enc: r.declineReason === null ? null : cipher.encrypt(r.declineReason),
              consent_version: r.consentVersion,
              consent_sha256: r.consentSha256,
              consent_locale: r.consentLocale,
              guarantor_account_id: r.guarantorAccountId,
              withdrawn_at: r.withdrawnAt,
              withdrawn_by: r.withdrawnBy,
              leaf_hash: r.leafHash,
            })
            .execute();
          await queueEvidence(trx, [evidence]);
        });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async findById(id) {
      const row = await db
        .selectFrom('guarantor_invitations')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRecord(row);
    },
    async listByApplication(applicationId) {
      const rows = await db
        .selectFrom('guarantor_invitations')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('invited_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },
    async listForAccount(accountId) {
      const rows = await db
        .selectFrom('guarantor_invitations as g')
        .innerJoin('accounts as a', 'a.mobile_hmac', 'g.mobile_hmac')
        .selectAll('g')
        .where('a.id', '=', accountId)
        .orderBy('g.invited_at', 'desc')
        .orderBy('g.id')
        .execute();
      return rows.map(toRecord);
    },
    async update({ id, expectedVersion, changes: c, evidence }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('guarantor_invitations')
          .set({
            version: expectedVersion + 1,
            ...(c.status !== undefined ? { status: c.status } : {}),
            ...(c.answeredAt !== undefined ? { answered_at: c.answeredAt } : {}),
            ...(c.declineReason !== undefined
              ? { decline_reason_enc: c.declineReason === null ? null : cipher.encrypt(c.declineReason) }
              : {}),
            ...(c.consentVersion !== undefined ? { consent_version: c.consentVersion } : {}),
            ...(c.consentSha256 !== undefined ? { consent_sha256: c.consentSha256 } : {}),
            ...(c.consentLocale !== undefined ? { consent_locale: c.consentLocale } : {}),
            ...(c.guarantorAccountId !== undefined ? { guarantor_account_id: c.guarantorAccountId } : {}),
            ...(c.withdrawnAt !== undefined ? { withdrawn_at: c.withdrawnAt } : {}),
            ...(c.withdrawnBy !== undefined ? { withdrawn_by: c.withdrawnBy } : {}),
          })
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await queueEvidence(trx, [evidence]);
        return toRecord(row);
      });
    },
  };
}
