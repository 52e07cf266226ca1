import { AppError } from '../../core/errors';
import type { AccountsDeps } from './accounts-deps';
import { verifyPasswordUnderLockout } from './log-in';

/**
 * A borrower closes their account (注销账户; PIPL art. 47): the password re-authenticates them (a
 * wrong one counts towards the lockout), and nothing may be going on — no application that is not
 * rejected, withdrawn or expired (withdraw it first; a loan that went ahead is closed at the bank,
 * since its identity records are kept for years by law), no open application they guarantee. Then the
 * account's own personal data is erased at once and every session ends; closed applications keep
 * theirs until their retention ends (the daily job). Staff accounts are disabled by an administrator
 * instead.
 */
export async function closeAccount({
  deps,
  accountId,
  password,
}: {
  deps: Pick<AccountsDeps, 'accounts' | 'sessions' | 'passwords' | 'closure' | 'clock' | 'settings'>;
  accountId: string;
  password: string;
}): Promise<void> {
  const found = await deps.accounts.findCredentialsById(accountId);
  if (!found) throw new AppError('UNAUTHENTICATED');
  if (found.account.role !== 'borrower_individual' && found.account.role !== 'borrower_enterprise')
    throw new AppError('FORBIDDEN', 'Staff accounts are disabled by an administrator');
  await verifyPasswordUnderLockout({ deps, found, password, wrongPassword: 'CURRENT_PASSWORD_WRONG' });
  const open = await deps.closure.openMatters(accountId);
  if (open.applications.length > 0 || open.guarantees.length > 0)
    throw new AppError('ACCOUNT_HAS_OPEN_MATTERS', undefined, open);
  await deps.closure.erase({ accountId, at: deps.clock() });
  await deps.sessions.deleteAllForAccount(accountId);
}
