import { sql, type Kysely } from 'kysely';
import type { ApplicationDetails } from '../../core/application/application';
import type { PersonalDataRetention } from '../../features/privacy/personal-data-retention.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';

const CLOSED = ['rejected', 'withdrawn', 'expired'] as const;

/**
 * What of an application's details stays after erasure: the loan terms (without the free-text
 * purpose, which can name people) and the enterprise's company, project and financials (not personal
 * data). The applicant and the stakeholders (names, ID numbers, mobiles, address) go.
 */
function withoutPersonalData(details: ApplicationDetails): ApplicationDetails {
  const { purposeDetail: _purposeDetail, ...loan } = details.loan;
  return {
    loan,
    ...(details.company ? { company: details.company } : {}),
    ...(details.project ? { project: details.project } : {}),
    ...(details.financials ? { financials: details.financials } : {}),
  };
}

/** Retention on the database's rows (docs/personal-data.md); the blob files are the caller's. */
export function createDbPersonalDataRetention({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): PersonalDataRetention {
  return {
    async eraseWithdrawnFaceData({ accountId }) {
      const forAccount = accountId === undefined ? sql`true` : sql`w.account_id = ${accountId}`;
      return db.transaction().execute(async (trx) => {
        // Images of checks completed before a withdrawal of either face consent.
        const images = await sql<{ n: number }>`
          delete from face_check_images i
          using face_checks c, consents w
          where i.face_check_id = c.id and w.account_id = c.account_id and ${forAccount}
            and w.kind in ('face_data', 'face_image_retention') and w.withdrawn_at is not null
            and c.completed_at <= w.withdrawn_at
          returning 1 as n`.execute(trx);
        const samples = await sql<{ n: number }>`
          delete from interview_face_samples s
          using consents w
          where w.account_id = s.account_id and ${forAccount}
            and w.kind = 'face_data' and w.withdrawn_at is not null and s.at <= w.withdrawn_at
          returning 1 as n`.execute(trx);
        return { faceImages: images.rows.length, faceSamples: samples.rows.length };
      });
    },

    async closedApplicationsToErase({ closedBefore, limit }) {
      const rows = await db
        .selectFrom('applications')
        .select('id')
        .where('status', 'in', CLOSED)
        .where('personal_data_erased_at', 'is', null)
        .where('updated_at', '<', closedBefore)
        // Not while a legal hold is in force (docs/personal-data.md).
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('legal_holds')
                .select('legal_holds.id')
                .whereRef('legal_holds.application_id', '=', 'applications.id')
                .where('legal_holds.released_at', 'is', null),
            ),
          ),
        )
        .orderBy('updated_at')
        .limit(limit)
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const documents = await db
        .selectFrom('documents')
        .select(['application_id', 'blob_key'])
        .where('application_id', 'in', ids)
        .where('blob_key', '<>', '')
        .execute();
      const evidence = await db
        .selectFrom('condition_resolutions')
        .select(['application_id', 'blob_key'])
        .where('application_id', 'in', ids)
        .where('blob_key', 'is not', null)
        .where('blob_key', '<>', '')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        blobKeys: [...documents, ...evidence]
          .filter((d) => d.application_id === r.id)
          .map((d) => d.blob_key!),
      }));
    },

    async eraseApplication({ id, at }) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('applications')
          .select(['details_enc', 'status'])
          .where('id', '=', id)
          .where('personal_data_erased_at', 'is', null)
          .forUpdate()
          .executeTakeFirst();
        if (!row || !(CLOSED as readonly string[]).includes(row.status)) return false;
        // A legal hold placed since the application was listed keeps it: the hold's insert (its foreign
        // key locks this row) waits for this transaction, or it committed first and is seen here.
        const held = await trx
          .selectFrom('legal_holds')
          .select('id')
          .where('application_id', '=', id)
          .where('released_at', 'is', null)
          .executeTakeFirst();
        if (held) return false;
        const details = JSON.parse(cipher.decrypt(row.details_enc)) as ApplicationDetails;
        await trx
          .updateTable('applications')
          .set({
            details_enc: cipher.encrypt(JSON.stringify(withoutPersonalData(details))),
            applicant_name_enc: null,
            applicant_name_hmac: null,
            id_number_hmac: null,
            personal_data_erased_at: at,
          })
          .where('id', '=', id)
          .execute();
        // The document rows stay (kind, size, SHA-256: what the ledger's upload leaves commit to);
        // the file name can name a person and the blob is gone.
        await trx
          .updateTable('documents')
          .set({ filename_enc: cipher.encrypt(''), blob_key: '' })
          .where('application_id', '=', id)
          .execute();
        // Guarantors invited to it are people too: name, mobile and decline reason go, the status,
        // times, consent version and leaf hash stay. The lookup hash becomes unique per row (an index
        // keeps open invitations unique per mobile) and matches no mobile any more.
        await sql`
          update guarantor_invitations
          set name_enc = ${cipher.encrypt('')}, mobile_enc = ${cipher.encrypt('')},
              mobile_hmac = 'erased:' || id::text, decline_reason_enc = null
          where application_id = ${id}`.execute(trx);
        // Collateral can name and locate its owner; its kind, values and valuations stay.
        await sql`
          update collateral_items
          set owner_name_enc = ${cipher.encrypt('')}, description_enc = ${cipher.encrypt('')}, location_enc = null
          where application_id = ${id}`.execute(trx);
        // Risk assessments: the applicant's values and the credit bureau's facts about them go; what was
        // decided and why stays (score, PD, grade, reason codes, each characteristic's bin and points,
        // the inputs' and the bureau response's SHA-256, the override's decision and reason code).
        const assessments = await trx
          .selectFrom('risk_assessments')
          .select(['id', 'characteristics_enc'])
          .where('application_id', '=', id)
          .execute();
        for (const a of assessments) {
          const characteristics = JSON.parse(cipher.decrypt(a.characteristics_enc)) as { value: unknown }[];
          await trx
            .updateTable('risk_assessments')
            .set({
              characteristics_enc: cipher.encrypt(
                JSON.stringify(characteristics.map((c) => ({ ...c, value: null }))),
              ),
              bureau_facts_enc: null,
              override_text_enc: null,
            })
            .where('id', '=', a.id)
            .execute();
        }
        // Conditions precedent met with evidence (an application withdrawn after approval): the notes,
        // the revocation reasons, the file name and the file (deleted by the caller) go; the code, kind,
        // who and when, and the file's type, size and SHA-256 stay.
        await trx
          .updateTable('condition_resolutions')
          .set({
            note_enc: cipher.encrypt(''),
            revoke_reason_enc: null,
            filename: null,
            blob_key: sql<string | null>`case when blob_key is null then null else '' end`,
          })
          .where('application_id', '=', id)
          .execute();
        return true;
      });
    },
  };
}
