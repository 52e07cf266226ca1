import { sql, type Kysely } from 'kysely';
import type { RateLimiter } from '../../features/accounts/rate-limiter.port';
import type { Database } from '../db/database';

/** Fixed-window counters in one upsert per hit, exact under concurrency from several nodes. */
export function createDbRateLimiter({ db }: { db: Kysely<Database> }): RateLimiter {
  return {
    async hit({ key, limit, windowSeconds }) {
      const interval = `${windowSeconds} seconds`;
      const { rows } = await sql<{ count: number; window_start: Date; now: Date }>`
        insert into rate_limits (key, window_start, count) values (${key}, now(), 1)
        on conflict (key) do update set
          count = case when rate_limits.window_start <= now() - ${interval}::interval then 1 else rate_limits.count + 1 end,
          window_start = case when rate_limits.window_start <= now() - ${interval}::interval then now() else rate_limits.window_start end
        returning count, window_start, now() as now`.execute(db);
      const row = rows[0]!;
      const resetMs = row.window_start.getTime() + windowSeconds * 1000 - row.now.getTime();
      return { isAllowed: row.count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(resetMs / 1000)) };
    },
  };
}
