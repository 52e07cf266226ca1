import { AppError } from '../../core/errors';
import type { PasskeyRecord } from './second-factor-store.port';
import type { SecurityDeps } from './security-deps';

/** Renames one of the caller's passkeys (another account's passkey is "not found"). */
export async function renamePasskey({
  deps,
  accountId,
  passkeyId,
  name,
}: {
  deps: Pick<SecurityDeps, 'store'>;
  accountId: string;
  passkeyId: string;
  name: string;
}): Promise<PasskeyRecord> {
  const renamed = await deps.store.renamePasskey({ accountId, id: passkeyId, name: name.trim() });
  if (!renamed) throw new AppError('PASSKEY_NOT_FOUND');
  return renamed;
}
