import type { Redis } from 'ioredis';
import type { RateLimiter } from '../../features/accounts/rate-limiter.port';

/** Fixed-window counters in Redis: INCR, with the window's expiry set by the first hit. */
export function createRedisRateLimiter({ redis }: { redis: Redis }): RateLimiter {
  return {
    async hit({ key, limit, windowSeconds }) {
      const redisKey = `mq:rate:${key}`;
      const results = await redis
        .multi()
        .incr(redisKey)
        .expire(redisKey, windowSeconds, 'NX')
        .ttl(redisKey)
        .exec();
      const count = Number(results?.[0]?.[1] ?? 0);
      const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
      return { isAllowed: count <= limit, retryAfterSeconds: Math.max(1, ttl) };
    },
  };
}
