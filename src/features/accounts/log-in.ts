import { normaliseMobile } from '../../core/identity/mobile';
import { AppError } from '../../core/errors';
import type { AccountCredentials } from './account-store.port';
import type { AccountsDeps } from './accounts-deps';
import { openSession, type OpenedSession } from './open-session';
import type { SecondFactorMethod } from './second-factor-directory.port';

/**
 * A hash of a random password, verified when the mobile number is unknown so that the answer takes as
 * long as for a real account (no account enumeration by timing).
 */
let decoyHash: Promise<string> | undefined;

/**
 * Checks a password against an account's credentials under the lockout rule: a locked account answers
 * ACCOUNT_LOCKED; a wrong password counts one failure (locking the account for `lockoutMinutes` at
 * `lockoutThreshold` in a row) and throws `wrongPassword`. Login and password change share it.
 */
export async function verifyPasswordUnderLockout({
  deps,
  found,
  password,
  wrongPassword,
}: {
  deps: Pick<AccountsDeps, 'accounts' | 'passwords' | 'clock' | 'settings'>;
  found: AccountCredentials;
  password: string;
  wrongPassword: 'INVALID_CREDENTIALS' | 'CURRENT_PASSWORD_WRONG';
}): Promise<void> {
  const now = deps.clock();
  if (found.lockedUntil && found.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', undefined, {
      retryAfterSeconds: Math.ceil((found.lockedUntil.getTime() - now.getTime()) / 1000),
    });
  }
  if (!(await deps.passwords.verify({ hash: found.passwordHash, password }))) {
    await deps.accounts.recordFailedLogin({
      accountId: found.account.id,
      threshold: deps.settings.lockoutThreshold,
      lockUntil: new Date(now.getTime() + deps.settings.lockoutMinutes * 60_000),
    });
    throw new AppError(wrongPassword);
  }
}

/**
 * Logs in with mobile number and password. Throttled per client IP; after `lockoutThreshold` failures
 * in a row the account locks for `lockoutMinutes`. The error never says whether the number exists.
 * When the account has a second factor, the session opens pending: it reaches only the second-factor
 * routes until one is proved (and the failure count is reset only then).
 */
export async function logIn({
  deps,
  mobile: rawMobile,
  password,
  clientIp,
  userAgent,
}: {
  deps: AccountsDeps;
  mobile: string;
  password: string;
  clientIp: string;
  userAgent: string | null;
}): Promise<OpenedSession & { secondFactorMethods: SecondFactorMethod[] }> {
  const limit = await deps.rateLimiter.hit({
    key: `login:${clientIp}`,
    limit: deps.settings.loginAttemptsPerIpPerMinute,
    windowSeconds: 60,
  });
  if (!limit.isAllowed)
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: limit.retryAfterSeconds });

  const mobile = normaliseMobile(rawMobile);
  const found = mobile ? await deps.accounts.findCredentialsByMobile(mobile) : undefined;
  if (!found) {
    decoyHash ??= deps.passwords.hash(`decoy-${Math.random()}`);
    await deps.passwords.verify({ hash: await decoyHash, password });
    throw new AppError('INVALID_CREDENTIALS');
  }
  await verifyPasswordUnderLockout({ deps, found, password, wrongPassword: 'INVALID_CREDENTIALS' });
  if (found.account.isDisabled) throw new AppError('ACCOUNT_DISABLED');
  const secondFactorMethods = await deps.secondFactors.methodsOf(found.account.id);
  if (secondFactorMethods.length > 0) {
    const pending = await openSession({
      deps,
      account: found.account,
      userAgent,
      isPendingSecondFactor: true,
    });
    return { ...pending, secondFactorMethods };
  }
  await deps.accounts.recordSuccessfulLogin(found.account.id);
  return { ...(await openSession({ deps, account: found.account, userAgent })), secondFactorMethods };
}
