import type { PasskeyRecord } from './second-factor-store.port';
import type { SecurityDeps } from './security-deps';

/** The caller's own passkeys. */
export async function listPasskeys({
  deps,
  accountId,
}: {
  deps: Pick<SecurityDeps, 'store'>;
  accountId: string;
}): Promise<PasskeyRecord[]> {
  return deps.store.listPasskeys(accountId);
}
