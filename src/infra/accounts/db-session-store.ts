import type { Kysely } from 'kysely';
import type { SecondFactorProof, SessionStore } from '../../features/accounts/session-store.port';
import type { PersonalDataCipher } from '../crypto/personal-data-cipher';
import type { Database } from '../db/database';
import { createNaturalBatcher } from '../db/natural-batcher';
import { accountFromRow } from './db-account-store';

/**
 * Sessions in the database: every API node sees the same sessions. Lookups made while others are in
 * flight share one query (natural batching), since every authenticated request makes one.
 */
/** A session row's fields (the account id comes from the caller: the lookup joins accounts). */
const sessionFromRow = (r: {
  token_hash: string;
  csrf_token: string;
  created_at: Date;
  last_seen_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  second_factor_at: Date | null;
  second_factor_method: string | null;
  is_pending_second_factor: boolean;
}) => ({
  tokenHash: r.token_hash,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  idleExpiresAt: r.idle_expires_at,
  absoluteExpiresAt: r.absolute_expires_at,
  secondFactorAt: r.second_factor_at,
  secondFactorMethod: r.second_factor_method as SecondFactorProof | null,
  isPendingSecondFactor: r.is_pending_second_factor,
});

export function createDbSessionStore({
  db,
  cipher,
}: {
  db: Kysely<Database>;
  cipher: PersonalDataCipher;
}): SessionStore {
  type Found = Awaited<ReturnType<SessionStore['findActive']>>;
  const findActive = createNaturalBatcher<{ tokenHash: string; now: Date }, Found>({
    run: async (lookups) => {
      const rows = await db
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
          's.second_factor_at',
          's.second_factor_method',
          's.is_pending_second_factor',
        ])
        .where('s.token_hash', 'in', [...new Set(lookups.map((l) => l.tokenHash))])
        .where('a.disabled_at', 'is', null)
        .execute();
      const byHash = new Map(rows.map((r) => [r.token_hash, r]));
      return lookups.map(({ tokenHash, now }) => {
        const row = byHash.get(tokenHash);
        if (!row || row.idle_expires_at <= now || row.absolute_expires_at <= now) return undefined;
        return {
          session: { ...sessionFromRow({ ...row, created_at: row.s_created_at }), accountId: row.id },
          account: accountFromRow(row, cipher),
        };
      });
    },
  });
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
          second_factor_at: s.secondFactorAt,
          second_factor_method: s.secondFactorMethod,
          is_pending_second_factor: s.isPendingSecondFactor,
        })
        .execute();
    },
    findActive,
    async touch({ tokenHash, lastSeenAt, idleExpiresAt }) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, idle_expires_at: idleExpiresAt })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async markSecondFactor({ tokenHash, at, method }) {
      await db
        .updateTable('sessions')
        .set({ second_factor_at: at, second_factor_method: method })
        .where('token_hash', '=', tokenHash)
        .execute();
    },
    async listForAccount({ accountId, now }) {
      const rows = await db
        .selectFrom('sessions')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('idle_expires_at', '>', now)
        .where('absolute_expires_at', '>', now)
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...sessionFromRow(r), accountId: r.account_id, userAgent: r.user_agent }));
    },
    async delete(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteAllForAccount(accountId) {
      await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
    },
  };
}
