import type { AccountStore } from './account-store.port';
import type { PasswordHasher } from './password-hasher.port';
import type { RateLimiter } from './rate-limiter.port';
import type { SessionStore } from './session-store.port';

/** What the accounts use cases need, wired by the composition root. */
export interface AccountsDeps {
  accounts: AccountStore;
  sessions: SessionStore;
  rateLimiter: RateLimiter;
  passwords: PasswordHasher;
  clock: () => Date;
  settings: {
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    loginAttemptsPerIpPerMinute: number;
    registrationsPerIpPerHour: number;
    lockoutThreshold: number;
    lockoutMinutes: number;
  };
}
