import { AppError } from '../../core/errors';
import type { SecurityDeps } from './security-deps';

/** Deletes one of the caller's passkeys (the route requires a step-up). With no factor left, the recovery codes go too. */
export async function deletePasskey({
  deps,
  accountId,
  passkeyId,
}: {
  deps: Pick<SecurityDeps, 'store'>;
  accountId: string;
  passkeyId: string;
}): Promise<void> {
  if (!(await deps.store.deletePasskey({ accountId, id: passkeyId })))
    throw new AppError('PASSKEY_NOT_FOUND');
  if ((await deps.store.methodsOf(accountId)).length === 0) await deps.store.deleteRecoveryCodes(accountId);
}
