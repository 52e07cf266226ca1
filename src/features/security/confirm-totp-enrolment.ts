import { AppError } from '../../core/errors';
import { verifyTotp } from '../../core/identity/totp';
import { beginSecondFactorAttempt } from './guard-second-factor-attempt';
import { issueRecoveryCodes } from './issue-recovery-codes';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Confirms the authenticator app with its current code: TOTP is on from now, the code's step counts as
 * used, the session counts as freshly stepped up, and a new set of recovery codes is returned (once).
 */
export async function confirmTotpEnrolment({
  deps,
  auth,
  code,
}: {
  deps: SecurityDeps;
  auth: { session: SecuritySession; account: SecurityAccount };
  code: string;
}): Promise<{ recoveryCodes: string[] }> {
  await beginSecondFactorAttempt({ deps, auth });
  const totp = await deps.store.findTotp(auth.account.id);
  if (!totp || totp.isEnabled) throw new AppError(totp ? 'TOTP_ALREADY_ENABLED' : 'TOTP_NOT_ENROLLED');
  const now = deps.clock();
  const matched = verifyTotp({ secret: totp.secret, code, at: now });
  // A wrong code here does not count towards the lockout: the person is logged in and setting up.
  if (!matched) throw new AppError('SECOND_FACTOR_INVALID');
  if (!(await deps.store.enableTotp({ accountId: auth.account.id, step: matched.step, at: now })))
    throw new AppError('TOTP_ALREADY_ENABLED');
  const recoveryCodes = await issueRecoveryCodes({ deps, accountId: auth.account.id });
  await deps.sessions.markSecondFactor({ tokenHash: auth.session.tokenHash, at: now, method: 'totp' });
  return { recoveryCodes };
}
