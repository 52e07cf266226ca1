import type { openSession } from '../accounts/open-session';
import type { resolveSession } from '../accounts/resolve-session';

/**
 * What second factors need of accounts and sessions, typed from the accounts feature's own use cases
 * (`resolveSession` gives the caller, `openSession` opens the authenticated session after a pending
 * login), so that the two features share the shapes without reaching into each other's ports.
 */
type Resolved = NonNullable<Awaited<ReturnType<typeof resolveSession>>>;
type OpenSessionDeps = Parameters<typeof openSession>[0]['deps'];

/** The caller: their session and account, as the access hook resolved them. */
export type SecurityAuth = Resolved;
export type SecuritySession = Resolved['session'];
export type SecurityAccount = Resolved['account'];
/** The session store (lists, ends and marks sessions; `openSession` creates them). */
export type SessionsPort = OpenSessionDeps['sessions'];
/** Session lifetimes and lockout settings. */
export type AccountSettings = OpenSessionDeps['settings'];

/** Failed second factors count towards the account's lockout, like wrong passwords. */
export interface AccountLockout {
  recordFailedLogin(input: { accountId: string; threshold: number; lockUntil: Date }): Promise<void>;
  recordSuccessfulLogin(accountId: string): Promise<void>;
}

/** Fixed-window counters shared by every API node (the platform's rate limiter). */
export interface AttemptLimiter {
  hit(input: {
    key: string;
    limit: number;
    windowSeconds: number;
  }): Promise<{ isAllowed: boolean; retryAfterSeconds: number }>;
}
