import { verifyTotp } from '../../core/identity/totp';
import { acceptSecondFactor } from './accept-second-factor';
import { beginSecondFactorAttempt, failSecondFactorAttempt } from './guard-second-factor-attempt';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Proves the second factor with the authenticator app's code (login second step or step-up). A code
 * is accepted for its 30-second step and the steps either side, and never twice: the step is recorded
 * atomically, so a code seen once (shoulder-surfed, replayed) is refused afterwards.
 */
export async function proveTotp({
  deps,
  auth,
  code,
  userAgent,
}: {
  deps: SecurityDeps;
  auth: { session: SecuritySession; account: SecurityAccount };
  code: string;
  userAgent: string | null;
}) {
  await beginSecondFactorAttempt({ deps, auth });
  const totp = await deps.store.findTotp(auth.account.id);
  const matched =
    totp?.isEnabled === true ? verifyTotp({ secret: totp.secret, code, at: deps.clock() }) : undefined;
  if (!matched || !(await deps.store.useTotpStep({ accountId: auth.account.id, step: matched.step })))
    return failSecondFactorAttempt({ deps, auth });
  return acceptSecondFactor({ deps, auth, userAgent, method: 'totp' });
}
