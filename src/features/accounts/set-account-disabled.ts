import { AppError } from '../../core/errors';
import type { AccountRecord } from './account-store.port';
import type { AccountsDeps } from './accounts-deps';

/** Disables or re-enables an account; disabling ends all its sessions at once (ASVS 7.4.2). */
export async function setAccountDisabled({
  deps,
  accountId,
  isDisabled,
}: {
  deps: Pick<AccountsDeps, 'accounts' | 'sessions'>;
  accountId: string;
  isDisabled: boolean;
}): Promise<AccountRecord> {
  const account = await deps.accounts.setDisabled({ accountId, isDisabled });
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  if (isDisabled) await deps.sessions.deleteAllForAccount(accountId);
  return account;
}
