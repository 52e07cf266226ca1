import { AppError } from '../../core/errors';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/** Second-factor attempts allowed per account per minute (a 6-digit code must not be guessable by volume). */
export const SECOND_FACTOR_ATTEMPTS_PER_MINUTE = 10;

type Auth = { session: SecuritySession; account: SecurityAccount };

/**
 * Before checking a second factor: refuses when the account is locked or the per-account rate is
 * exceeded. Both live in shared storage, so several API nodes count together.
 */
export async function beginSecondFactorAttempt({
  deps,
  auth,
}: {
  deps: Pick<SecurityDeps, 'rateLimiter' | 'store' | 'clock'>;
  auth: Auth;
}): Promise<void> {
  const limit = await deps.rateLimiter.hit({
    key: `second-factor:${auth.account.id}`,
    limit: SECOND_FACTOR_ATTEMPTS_PER_MINUTE,
    windowSeconds: 60,
  });
  if (!limit.isAllowed)
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: limit.retryAfterSeconds });
  const now = deps.clock();
  const lockedUntil = await deps.store.lockedUntil(auth.account.id);
  if (lockedUntil && lockedUntil > now)
    throw new AppError('ACCOUNT_LOCKED', undefined, {
      retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000),
    });
}

/**
 * A wrong second factor: counts towards the account's lockout (the same counter as wrong passwords).
 * When that locks the account, this session ends too, and the answer says locked; otherwise
 * SECOND_FACTOR_INVALID.
 */
export async function failSecondFactorAttempt({
  deps,
  auth,
}: {
  deps: Pick<SecurityDeps, 'accounts' | 'sessions' | 'store' | 'clock' | 'settings'>;
  auth: Auth;
}): Promise<never> {
  const now = deps.clock();
  await deps.accounts.recordFailedLogin({
    accountId: auth.account.id,
    threshold: deps.settings.lockoutThreshold,
    lockUntil: new Date(now.getTime() + deps.settings.lockoutMinutes * 60_000),
  });
  const lockedUntil = await deps.store.lockedUntil(auth.account.id);
  if (lockedUntil && lockedUntil > now) {
    await deps.sessions.delete(auth.session.tokenHash);
    throw new AppError('ACCOUNT_LOCKED', undefined, {
      retryAfterSeconds: Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000),
    });
  }
  throw new AppError('SECOND_FACTOR_INVALID');
}
