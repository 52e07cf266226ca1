import type { AccountView, SessionView } from '../../contracts/accounts.schema';
import type { AccountRecord } from './account-store.port';

export function viewAccount(a: AccountRecord): AccountView {
  return {
    id: a.id,
    role: a.role,
    displayName: a.displayName,
    mobileMasked: a.mobileMasked,
    companyName: a.companyName,
    isDisabled: a.isDisabled,
    createdAt: a.createdAt.toISOString(),
  };
}

export function viewSession({
  account,
  csrfToken,
  expiresAt,
}: {
  account: AccountRecord;
  csrfToken: string;
  expiresAt: Date;
}): SessionView {
  return { account: viewAccount(account), csrfToken, expiresAt: expiresAt.toISOString() };
}
