import { randomUUID } from 'node:crypto';
import { checkPassword } from '../../core/accounts/password-policy';
import type { Role } from '../../core/accounts/roles';
import { normaliseMobile } from '../../core/identity/mobile';
import { AppError } from '../../core/errors';
import type { AccountRecord } from './account-store.port';
import type { AccountsDeps } from './accounts-deps';

/** An administrator creates a staff account (staff never self-register). */
export async function createStaffAccount({
  deps,
  input,
}: {
  deps: Pick<AccountsDeps, 'accounts' | 'passwords'>;
  input: {
    mobile: string;
    password: string;
    displayName: string;
    role: Extract<Role, 'loan_officer' | 'risk_officer' | 'approver' | 'admin'>;
  };
}): Promise<AccountRecord> {
  const mobile = normaliseMobile(input.mobile);
  if (!mobile) throw new AppError('VALIDATION_FAILED', 'Not a mainland mobile number', { field: 'mobile' });
  const problem = checkPassword({ password: input.password, mobile });
  if (problem) throw new AppError('WEAK_PASSWORD', undefined, { problem });
  const account = await deps.accounts.create({
    id: randomUUID(),
    role: input.role,
    mobile,
    displayName: input.displayName.trim(),
    passwordHash: await deps.passwords.hash(input.password),
  });
  if (!account) throw new AppError('ACCOUNT_EXISTS');
  return account;
}
