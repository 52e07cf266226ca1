import { sql, type Kysely, type Selectable } from 'kysely';
import type { SecondFactorMethod } from '../../features/accounts/second-factor-directory.port';
import type { PasskeyRecord, SecondFactorStore } from '../../features/security/second-factor-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database, PasskeysTable } from '../db/database';
import { isUniqueViolation } from '../db/errors';

const passkeyFromRow = (row: Selectable<PasskeysTable>): PasskeyRecord => ({
  id: row.id,
  accountId: row.account_id,
  credentialId: row.credential_id,
  publicKey: new Uint8Array(row.public_key),
  counter: Number(row.counter),
  transports: row.transports,
  name: row.name,
  isBackedUp: row.is_backed_up,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
});

/**
 * Second factors in PostgreSQL/PGlite. TOTP secrets are sealed by the personal-data cipher; recovery
 * codes are stored as keyed HMACs (a database copy cannot be used to log in); every "use once" rule is
 * one conditional statement, so two nodes racing with the same code cannot both succeed.
 */
export function createDbSecondFactorStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): SecondFactorStore {
  const codeHash = (accountId: string, code: string) =>
    cipher.lookupHash('recovery_code', `${accountId}:${code}`);
  return {
    async methodsOf(accountId) {
      const { rows } = await sql<{ totp: boolean; passkeys: number; codes: number }>`
        select
          exists (select 1 from totp_secrets where account_id = ${accountId} and is_enabled) as totp,
          (select count(*)::int from passkeys where account_id = ${accountId}) as passkeys,
          (select count(*)::int from recovery_codes where account_id = ${accountId}) as codes`.execute(db);
      const row = rows[0]!;
      const methods: SecondFactorMethod[] = [];
      if (row.totp) methods.push('totp');
      if (row.passkeys > 0) methods.push('passkey');
      if (methods.length > 0 && row.codes > 0) methods.push('recovery_code');
      return methods;
    },

    async findTotp(accountId) {
      const row = await db
        .selectFrom('totp_secrets')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return (
        row && {
          secret: cipher.decryptBytes(Buffer.from(row.secret_enc, 'base64')),
          isEnabled: row.is_enabled,
          lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
        }
      );
    },
    async startTotpEnrolment({ accountId, secret }) {
      const sealed = cipher.encryptBytes(secret).toString('base64');
      const result = await db
        .insertInto('totp_secrets')
        .values({ account_id: accountId, secret_enc: sealed, is_enabled: false })
        .onConflict((oc) =>
          oc
            .column('account_id')
            .doUpdateSet({ secret_enc: sealed, last_used_step: null, created_at: new Date() })
            .where('totp_secrets.is_enabled', '=', false),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async enableTotp({ accountId, step, at }) {
      const result = await db
        .updateTable('totp_secrets')
        .set({ is_enabled: true, enabled_at: at, last_used_step: step })
        .where('account_id', '=', accountId)
        .where('is_enabled', '=', false)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async useTotpStep({ accountId, step }) {
      const result = await db
        .updateTable('totp_secrets')
        .set({ last_used_step: step })
        .where('account_id', '=', accountId)
        .where('is_enabled', '=', true)
        .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', String(step))]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async deleteTotp(accountId) {
      await db.deleteFrom('totp_secrets').where('account_id', '=', accountId).execute();
    },

    async replaceRecoveryCodes({ accountId, codes }) {
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
        await tx
          .insertInto('recovery_codes')
          .values(codes.map((c) => ({ account_id: accountId, code_hmac: codeHash(accountId, c) })))
          .execute();
      });
    },
    async useRecoveryCode({ accountId, code }) {
      const result = await db
        .deleteFrom('recovery_codes')
        .where('account_id', '=', accountId)
        .where('code_hmac', '=', codeHash(accountId, code))
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async countRecoveryCodes(accountId) {
      const row = await db
        .selectFrom('recovery_codes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async deleteRecoveryCodes(accountId) {
      await db.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
    },

    async listPasskeys(accountId) {
      const rows = await db
        .selectFrom('passkeys')
        .selectAll()
        .where('account_id', '=', accountId)
        .orderBy('created_at', 'asc')
        .execute();
      return rows.map(passkeyFromRow);
    },
    async addPasskey(p) {
      try {
        await db
          .insertInto('passkeys')
          .values({
            id: p.id,
            account_id: p.accountId,
            credential_id: p.credentialId,
            public_key: p.publicKey,
            counter: p.counter,
            transports: JSON.stringify(p.transports),
            name: p.name,
            is_backed_up: p.isBackedUp,
            created_at: p.createdAt,
          })
          .execute();
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async recordPasskeyUse({ id, counter, at }) {
      await db.updateTable('passkeys').set({ counter, last_used_at: at }).where('id', '=', id).execute();
    },
    async renamePasskey({ accountId, id, name }) {
      const row = await db
        .updateTable('passkeys')
        .set({ name })
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .returningAll()
        .executeTakeFirst();
      return row && passkeyFromRow(row);
    },
    async deletePasskey({ accountId, id }) {
      const result = await db
        .deleteFrom('passkeys')
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async saveChallenge({ sessionHash, purpose, accountId, challenge, expiresAt }) {
      await db
        .insertInto('webauthn_challenges')
        .values({
          session_hash: sessionHash,
          purpose,
          account_id: accountId,
          challenge,
          expires_at: expiresAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['session_hash', 'purpose'])
            .doUpdateSet({ account_id: accountId, challenge, expires_at: expiresAt }),
        )
        .execute();
      // Challenges abandoned by their sessions go with the next ones issued.
      await db
        .deleteFrom('webauthn_challenges')
        .where('expires_at', '<', new Date(Date.now() - 3_600_000))
        .execute();
    },
    async takeChallenge({ sessionHash, purpose, now }) {
      const row = await db
        .deleteFrom('webauthn_challenges')
        .where('session_hash', '=', sessionHash)
        .where('purpose', '=', purpose)
        .returning(['challenge', 'expires_at'])
        .executeTakeFirst();
      return row && row.expires_at > now ? row.challenge : undefined;
    },

    async lockedUntil(accountId) {
      const row = await db
        .selectFrom('accounts')
        .select('locked_until')
        .where('id', '=', accountId)
        .executeTakeFirst();
      return row?.locked_until ?? null;
    },
  };
}
