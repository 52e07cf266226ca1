import { AppError } from '../../core/errors';
import type { SecurityDeps } from './security-deps';

/** Turns the authenticator app off (the route requires a fresh step-up). With no factor left, the recovery codes go too. */
export async function disableTotp({
  deps,
  accountId,
}: {
  deps: Pick<SecurityDeps, 'store'>;
  accountId: string;
}): Promise<void> {
  const totp = await deps.store.findTotp(accountId);
  if (!totp?.isEnabled) throw new AppError('TOTP_NOT_ENROLLED');
  await deps.store.deleteTotp(accountId);
  if ((await deps.store.listPasskeys(accountId)).length === 0)
    await deps.store.deleteRecoveryCodes(accountId);
}
