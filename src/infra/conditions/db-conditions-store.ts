import type { Kysely, Selectable, Transaction } from 'kysely';
import type {
  ConditionResolutionRecord,
  ConditionsStore,
} from '../../features/conditions/conditions-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import type { ConditionResolutionsTable } from '../db/tables/conditions';
import { queueEvidence } from '../ledger/queue-evidence';

/**
 * Conditions precedent in PostgreSQL/PGlite. Notes and reasons are envelope-encrypted; codes, file
 * metadata, hashes and times are not personal. A write and its ledger evidence commit together; a
 * partial unique index keeps one resolution in force per condition.
 */
export function createDbConditionsStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): ConditionsStore {
  const toRecord = (r: Selectable<ConditionResolutionsTable>): ConditionResolutionRecord => ({
    id: r.id,
    applicationId: r.application_id,
    code: r.condition_code,
    checklistVersion: r.checklist_version,
    kind: r.kind,
    note: cipher.decrypt(r.note_enc),
    file:
      r.blob_key === null || r.sha256 === null
        ? null
        : {
            filename: r.filename ?? 'evidence',
            contentType: r.content_type ?? 'application/octet-stream',
            sizeBytes: r.size_bytes ?? 0,
            sha256: r.sha256,
            blobKey: r.blob_key,
          },
    resolvedBy: r.resolved_by,
    resolvedByRole: r.resolved_by_role,
    resolvedAt: r.resolved_at,
    revoked:
      r.revoked_at === null || r.revoked_by === null
        ? null
        : {
            by: r.revoked_by,
            role: r.revoked_by_role ?? '',
            at: r.revoked_at,
            reason: r.revoke_reason_enc === null ? '' : cipher.decrypt(r.revoke_reason_enc),
          },
  });

  /** A live disbursement closes the conditions (taken inside the write's transaction). */
  const hasLiveDisbursement = async (trx: Transaction<Database>, applicationId: string) =>
    (await trx
      .selectFrom('disbursements')
      .select('id')
      .where('application_id', '=', applicationId)
      .where('status', '<>', 'failed')
      .executeTakeFirst()) !== undefined;

  return {
    async listByApplication(applicationId) {
      const rows = await db
        .selectFrom('condition_resolutions')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('resolved_at')
        .orderBy('id')
        .execute();
      return rows.map(toRecord);
    },

    async resolve(r, evidence) {
      try {
        return await db.transaction().execute(async (trx) => {
          if (await hasLiveDisbursement(trx, r.applicationId)) return 'disbursement_exists' as const;
          await trx
            .insertInto('condition_resolutions')
            .values({
              id: r.id,
              application_id: r.applicationId,
              condition_code: r.code,
              checklist_version: r.checklistVersion,
              kind: r.kind,
              note_enc: cipher.encrypt(r.note),
              filename: r.file?.filename ?? null,
              content_type: r.file?.contentType ?? null,
              size_bytes: r.file?.sizeBytes ?? null,
              sha256: r.file?.sha256 ?? null,
              blob_key: r.file?.blobKey ?? null,
              resolved_by: r.resolvedBy,
              resolved_by_role: r.resolvedByRole,
              resolved_at: r.resolvedAt,
              revoked_by: null,
              revoked_by_role: null,
              revoked_at: null,
              revoke_reason_enc: null,
            })
            .execute();
          await queueEvidence(trx, evidence);
          return 'resolved' as const;
        });
      } catch (e) {
        if (isUniqueViolation(e)) return 'already_resolved';
        throw e;
      }
    },

    async revoke({ applicationId, id, by, role, at, reason, evidence }) {
      return db.transaction().execute(async (trx) => {
        if (await hasLiveDisbursement(trx, applicationId)) return 'disbursement_exists' as const;
        const updated = await trx
          .updateTable('condition_resolutions')
          .set({
            revoked_by: by,
            revoked_by_role: role,
            revoked_at: at,
            revoke_reason_enc: cipher.encrypt(reason),
          })
          .where('id', '=', id)
          .where('application_id', '=', applicationId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return 'not_resolved' as const;
        await queueEvidence(trx, evidence);
        return 'revoked' as const;
      });
    },
  };
}
