import type { Kysely, Selectable } from 'kysely';
import type { LegalHoldRecord, LegalHoldStore } from '../../features/legal-holds/legal-hold-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database, LegalHoldsTable } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { queueEvidence } from '../ledger/queue-evidence';

/** Legal holds in PostgreSQL/PGlite (migration 0019); reasons envelope-encrypted. */
export function createDbLegalHoldStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): LegalHoldStore {
  const toRecord = (r: Selectable<LegalHoldsTable>): LegalHoldRecord => ({
    id: r.id,
    applicationId: r.application_id,
    reason: cipher.decrypt(r.reason_enc),
    placedBy: r.placed_by,
    placedByRole: r.placed_by_role,
    placedAt: r.placed_at,
    released:
      r.released_at === null || r.released_by === null
        ? null
        : {
            by: r.released_by,
            role: r.released_by_role ?? '',
            at: r.released_at,
            reason: r.release_reason_enc === null ? '' : cipher.decrypt(r.release_reason_enc),
          },
  });
  return {
    async listByApplication(applicationId) {
      const rows = await db
        .selectFrom('legal_holds')
        .selectAll()
        .where('application_id', '=', applicationId)
        .orderBy('placed_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map(toRecord);
    },

    async isHeld(applicationId) {
      const row = await db
        .selectFrom('legal_holds')
        .select('id')
        .where('application_id', '=', applicationId)
        .where('released_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    async place(hold, evidence) {
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('legal_holds')
            .values({
              id: hold.id,
              application_id: hold.applicationId,
              reason_enc: cipher.encrypt(hold.reason),
              placed_by: hold.placedBy,
              placed_by_role: hold.placedByRole,
              placed_at: hold.placedAt,
              released_by: null,
              released_by_role: null,
              released_at: null,
              release_reason_enc: null,
            })
            .execute();
          await queueEvidence(trx, evidence);
        });
        return 'placed';
      } catch (e) {
        if (isUniqueViolation(e)) return 'held';
        throw e;
      }
    },

    async release({ id, by, role, at, reason, evidence }) {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('legal_holds')
          .set({
            released_by: by,
            released_by_role: role,
            released_at: at,
            release_reason_enc: cipher.encrypt(reason),
          })
          .where('id', '=', id)
          .where('released_at', 'is', null)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return 'not_held' as const;
        await queueEvidence(trx, evidence);
        return 'released' as const;
      });
    },
  };
}
