import { AppError } from '../../core/errors';
import type { AccountsDeps } from './accounts-deps';
import { verifyPasswordUnderLockout } from './log-in';
import { assertStrongPassword } from './register-account';

/**
 * Changes the caller's password (ASVS 6.2.3, 7.4.3): the current password re-authenticates the caller
 * (a wrong one counts towards the lockout like a failed login), the new one must meet the password
 * rules and differ from the current one. Every session of the account ends, this one included — the
 * caller logs in again with the new password, so no token issued before the change stays usable.
 * Returns how many sessions ended.
 */
export async function changePassword({
  deps,
  accountId,
  currentPassword,
  newPassword,
}: {
  deps: Pick<AccountsDeps, 'accounts' | 'sessions' | 'passwords' | 'clock' | 'settings'>;
  accountId: string;
  currentPassword: string;
  newPassword: string;
}): Promise<{ sessionsEnded: number }> {
  const found = await deps.accounts.findCredentialsById(accountId);
  if (!found) throw new AppError('UNAUTHENTICATED');
  await verifyPasswordUnderLockout({
    deps,
    found,
    password: currentPassword,
    wrongPassword: 'CURRENT_PASSWORD_WRONG',
  });
  if (newPassword === currentPassword)
    throw new AppError('WEAK_PASSWORD', 'The new password must differ from the current one', {
      problem: 'UNCHANGED',
    });
  assertStrongPassword({ password: newPassword, mobile: found.mobile });
  if (
    !(await deps.accounts.setPasswordHash({
      accountId,
      passwordHash: await deps.passwords.hash(newPassword),
    }))
  )
    throw new AppError('UNAUTHENTICATED');
  const sessions = await deps.sessions.listForAccount({ accountId, now: deps.clock() });
  await deps.sessions.deleteAllForAccount(accountId);
  return { sessionsEnded: sessions.length };
}
