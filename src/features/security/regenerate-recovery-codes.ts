import { AppError } from '../../core/errors';
import { issueRecoveryCodes } from './issue-recovery-codes';
import type { SecurityDeps } from './security-deps';

/** Replaces the recovery codes with a new set (the old ones stop working); the route requires a step-up. */
export async function regenerateRecoveryCodes({
  deps,
  accountId,
}: {
  deps: Pick<SecurityDeps, 'store'>;
  accountId: string;
}): Promise<{ recoveryCodes: string[] }> {
  const methods = await deps.store.methodsOf(accountId);
  if (!methods.includes('totp') && !methods.includes('passkey'))
    throw new AppError('SECOND_FACTOR_NOT_ENROLLED');
  return { recoveryCodes: await issueRecoveryCodes({ deps, accountId }) };
}
