import type { AccountClosure } from './account-closure.port';
import type { AccountStore } from './account-store.port';
import type { PasswordHasher } from './password-hasher.port';
import type { RateLimiter } from './rate-limiter.port';
import type { SecondFactorDirectory } from './second-factor-directory.port';
import type { SessionStore } from './session-store.port';

/** What the accounts use cases need, wired by the composition root. */
export interface AccountsDeps {
  accounts: AccountStore;
  sessions: SessionStore;
  rateLimiter: RateLimiter;
  passwords: PasswordHasher;
  /** Which second factors an account has (a login with any of them waits for one). */
  secondFactors: SecondFactorDirectory;
  /** Closing an account: what keeps it open, and erasing its own personal data. */
  closure: AccountClosure;
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
