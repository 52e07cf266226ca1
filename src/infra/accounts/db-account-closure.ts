import { sql, type Kysely } from 'kysely';
import type { AccountClosure } from '../../features/accounts/account-closure.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';

const CLOSED = ['rejected', 'withdrawn', 'expired'] as const;

/** Account closure on the database's rows (docs/personal-data.md). */
export function createDbAccountClosure({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): AccountClosure {
  return {
    async openMatters(accountId) {
      const applications = await db
        .selectFrom('applications')
        .select('reference')
        .where('borrower_account_id', '=', accountId)
        .where('status', 'not in', CLOSED)
        .orderBy('reference')
        .execute();
      const guarantees = await db
        .selectFrom('guarantor_invitations as g')
        .innerJoin('applications as a', 'a.id', 'g.application_id')
        .select('a.reference')
        .where('g.guarantor_account_id', '=', accountId)
        .where('g.status', '=', 'accepted')
        .where('a.status', 'not in', CLOSED)
        .orderBy('a.reference')
        .execute();
      return {
        applications: applications.map((r) => r.reference),
        guarantees: guarantees.map((r) => r.reference),
      };
    },

    async erase({ accountId, at }) {
      return db.transaction().execute(async (trx) => {
        const closed = await trx
          .updateTable('accounts')
          .set({
            closed_at: at,
            disabled_at: at,
            mobile_hmac: `closed:${accountId}`,
            mobile_enc: cipher.encrypt(''),
            mobile_masked: '',
            display_name_enc: cipher.encrypt(''),
            credit_code_hmac: null,
            password_hash: '',
          })
          .where('id', '=', accountId)
          .where('closed_at', 'is', null)
          .executeTakeFirst();
        if (Number(closed.numUpdatedRows) === 0) return false;
        for (const table of ['totp_secrets', 'recovery_codes', 'passkeys', 'webauthn_challenges'] as const)
          await trx.deleteFrom(table).where('account_id', '=', accountId).execute();
        await trx.deleteFrom('notification_preferences').where('account_id', '=', accountId).execute();
        await sql`
          delete from face_check_images i using face_checks c
          where i.face_check_id = c.id and c.account_id = ${accountId}`.execute(trx);
        // Identity verifications and phone codes stay as rows (their ledger leaves attest them), emptied.
        // Their lookup hashes become unique per row and match nothing.
        await sql`
          update identity_verifications
          set name_enc = ${cipher.encrypt('')}, id_number_enc = ${cipher.encrypt('')},
              id_number_hmac = 'closed:' || id::text, mobile_enc = null, mobile_hmac = null
          where account_id = ${accountId}`.execute(trx);
        await sql`
          update phone_codes set mobile_enc = ${cipher.encrypt('')}, mobile_hmac = 'closed:' || id::text
          where account_id = ${accountId}`.execute(trx);
        return true;
      });
    },
  };
}
