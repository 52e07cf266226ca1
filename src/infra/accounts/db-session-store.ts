import type { Kysely } from 'kysely';
import type { SessionStore } from '../../features/accounts/session-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import { accountFromRow } from './db-account-store';

/** Sessions in the database: every API node sees the same sessions. */
export function createDbSessionStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): SessionStore {
  return {
    async create(s) {
      await db
        .insertInto('sessions')
        .values({
          token_hash: s.tokenHash,
          account_id: s.accountId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          idle_expires_at: s.idleExpiresAt,
          absolute_expires_at: s.absoluteExpiresAt,
          user_agent: s.userAgent,
        })
        .execute();
    },
    async findActive({ tokenHash, now }) {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('accounts as a', 'a.id', 's.account_id')
        .selectAll('a')
        .select([
          's.token_hash',
          's.csrf_token',
          's.created_at as s_created_at',
          's.last_seen_at',
          's.idle_expires_at',
          's.absolute_expires_at',
        ])
        .where('s.token_hash', '=', tokenHash)
        .where('s.idle_expires_at', '>', now)
        .where('s.absolute_expires_at', '>', now)
        .where('a.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        session: {
          tokenHash: row.token_hash,
          accountId: row.id,
          csrfToken: row.csrf_token,
          createdAt: row.s_created_at,
          lastSeenAt: row.last_seen_at,
          idleExpiresAt: row.idle_expires_at,
          absoluteExpiresAt: row.absolute_expires_at,
        },
        account: accountFromRow(row, cipher),
      };
    },
    async touch({ tokenHash, lastSeenAt, idleExpiresAt }) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async delete(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteAllForAccount(accountId) {
      await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
    },
  };
}
