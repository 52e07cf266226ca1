import type { Redis } from 'ioredis';
import type { AccountStore } from '../../features/accounts/account-store.port';
import type { SessionRecord, SessionStore } from '../../features/accounts/session-store.port';

const sessionKey = (tokenHash: string) => `mq:session:${tokenHash}`;
const accountKey = (accountId: string) => `mq:account-sessions:${accountId}`;

interface StoredSession {
  accountId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
}

const ttlSeconds = (s: { idleExpiresAt: number; absoluteExpiresAt: number }, now: number) =>
  Math.max(1, Math.ceil((Math.min(s.idleExpiresAt, s.absoluteExpiresAt) - now) / 1000));

/**
 * Sessions in Redis, expiring by TTL; the account (role, disabled) is read from the database so that
 * a disabled account is refused even before its sessions are deleted.
 */
export function createRedisSessionStore({
  redis,
  accounts,
}: {
  redis: Redis;
  accounts: AccountStore;
}): SessionStore {
  return {
    async create(s) {
      const stored: StoredSession = {
        accountId: s.accountId,
        csrfToken: s.csrfToken,
        createdAt: s.createdAt.getTime(),
        lastSeenAt: s.lastSeenAt.getTime(),
        idleExpiresAt: s.idleExpiresAt.getTime(),
        absoluteExpiresAt: s.absoluteExpiresAt.getTime(),
      };
      await redis
        .multi()
        .set(sessionKey(s.tokenHash), JSON.stringify(stored), 'EX', ttlSeconds(stored, s.createdAt.getTime()))
        .sadd(accountKey(s.accountId), s.tokenHash)
        .expire(accountKey(s.accountId), Math.ceil((stored.absoluteExpiresAt - stored.createdAt) / 1000))
        .exec();
    },
    async findActive({ tokenHash, now }) {
      const raw = await redis.get(sessionKey(tokenHash));
      if (!raw) return undefined;
      const s = JSON.parse(raw) as StoredSession;
      if (s.idleExpiresAt <= now.getTime() || s.absoluteExpiresAt <= now.getTime()) return undefined;
      const account = await accounts.findById(s.accountId);
      if (!account || account.isDisabled) return undefined;
      const session: SessionRecord = {
        tokenHash,
        accountId: s.accountId,
        csrfToken: s.csrfToken,
        createdAt: new Date(s.createdAt),
        lastSeenAt: new Date(s.lastSeenAt),
        idleExpiresAt: new Date(s.idleExpiresAt),
        absoluteExpiresAt: new Date(s.absoluteExpiresAt),
      };
      return { session, account };
    },
    async touch({ tokenHash, lastSeenAt, idleExpiresAt }) {
      const raw = await redis.get(sessionKey(tokenHash));
      if (!raw) return;
      const s = {
        ...(JSON.parse(raw) as StoredSession),
        lastSeenAt: lastSeenAt.getTime(),
        idleExpiresAt: idleExpiresAt.getTime(),
      };
      // XX: never resurrect a session deleted meanwhile (logout on another node).
      await redis.set(
        sessionKey(tokenHash),
        JSON.stringify(s),
        'EX',
        ttlSeconds(s, lastSeenAt.getTime()),
        'XX',
      );
    },
    async delete(tokenHash) {
      await redis.del(sessionKey(tokenHash));
    },
    async deleteAllForAccount(accountId) {
      const hashes = await redis.smembers(accountKey(accountId));
      const multi = redis.multi();
      for (const h of hashes) multi.del(sessionKey(h));
      await multi.del(accountKey(accountId)).exec();
    },
  };
}
