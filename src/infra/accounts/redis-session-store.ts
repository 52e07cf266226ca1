import type { Redis } from 'ioredis';
import type { AccountStore } from '../../features/accounts/account-store.port';
import type {
  ListedSession,
  SecondFactorProof,
  SessionStore,
} from '../../features/accounts/session-store.port';

const sessionKey = (tokenHash: string) => `mq:session:${tokenHash}`;
const accountKey = (accountId: string) => `mq:account-sessions:${accountId}`;

interface StoredSession {
  accountId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  idleExpiresAt: number;
  absoluteExpiresAt: number;
  /** Added with second factors; sessions written before lack them (read as null / false). */
  secondFactorAt?: number | null;
  secondFactorMethod?: SecondFactorProof | null;
  isPendingSecondFactor?: boolean;
  userAgent?: string | null;
}

const toRecord = (tokenHash: string, s: StoredSession): ListedSession => ({
  tokenHash,
  accountId: s.accountId,
  csrfToken: s.csrfToken,
  createdAt: new Date(s.createdAt),
  lastSeenAt: new Date(s.lastSeenAt),
  idleExpiresAt: new Date(s.idleExpiresAt),
  absoluteExpiresAt: new Date(s.absoluteExpiresAt),
  secondFactorAt: typeof s.secondFactorAt === 'number' ? new Date(s.secondFactorAt) : null,
  secondFactorMethod: s.secondFactorMethod ?? null,
  isPendingSecondFactor: s.isPendingSecondFactor === true,
  userAgent: s.userAgent ?? null,
});

/** Sets the stored session's secondFactorAt and method, keeping its expiry; nothing when it has gone. */
const markSecondFactorScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local s = cjson.decode(raw)
s.secondFactorAt = tonumber(ARGV[1])
s.secondFactorMethod = ARGV[2]
redis.call('SET', KEYS[1], cjson.encode(s), 'KEEPTTL')
return 1`;

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
        secondFactorAt: s.secondFactorAt?.getTime() ?? null,
        secondFactorMethod: s.secondFactorMethod,
        isPendingSecondFactor: s.isPendingSecondFactor,
        userAgent: s.userAgent,
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
      const { userAgent: _userAgent, ...session } = toRecord(tokenHash, s);
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
    async markSecondFactor({ tokenHash, at, method }) {
      // One atomic step in Redis (a script), so a concurrent touch or logout cannot interleave, and no
      // WATCH on the shared connection (which other requests' transactions would trip over).
      await redis.eval(markSecondFactorScript, 1, sessionKey(tokenHash), String(at.getTime()), method);
    },
    async listForAccount({ accountId, now }) {
      const hashes = await redis.smembers(accountKey(accountId));
      if (hashes.length === 0) return [];
      const raws = await redis.mget(hashes.map(sessionKey));
      const found: ListedSession[] = [];
      const gone: string[] = [];
      raws.forEach((raw, i) => {
        if (!raw) return void gone.push(hashes[i]!);
        const s = JSON.parse(raw) as StoredSession;
        if (s.accountId !== accountId) return;
        if (s.idleExpiresAt <= now.getTime() || s.absoluteExpiresAt <= now.getTime()) return;
        found.push(toRecord(hashes[i]!, s));
      });
      // Expired sessions leave their hash in the account's set: tidy it while we are here.
      if (gone.length > 0) await redis.srem(accountKey(accountId), ...gone);
      return found.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
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
