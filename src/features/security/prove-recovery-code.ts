import { normaliseRecoveryCode } from '../../core/identity/recovery-code';
import { acceptSecondFactor } from './accept-second-factor';
import { beginSecondFactorAttempt, failSecondFactorAttempt } from './guard-second-factor-attempt';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/** Proves the second factor with one of the recovery codes, which is used up by it. */
export async function proveRecoveryCode({
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
  const normalised = normaliseRecoveryCode(code);
  if (!normalised || !(await deps.store.useRecoveryCode({ accountId: auth.account.id, code: normalised })))
    return failSecondFactorAttempt({ deps, auth });
  return acceptSecondFactor({ deps, auth, userAgent, method: 'recovery_code' });
}
