/**
 * Fixed-window counters shared by every API node (database or Redis), for login throttling and
 * other anti-automation limits.
 */
export interface RateLimiter {
  hit(input: {
    key: string;
    limit: number;
    windowSeconds: number;
  }): Promise<{ isAllowed: boolean; retryAfterSeconds: number }>;
}
