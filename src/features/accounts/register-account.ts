import { randomUUID } from 'node:crypto';
import { checkPassword } from '../../core/accounts/password-policy';
import { checkCreditCode } from '../../core/identity/credit-code';
import { normaliseMobile } from '../../core/identity/mobile';
import { AppError } from '../../core/errors';
import type { AccountsDeps } from './accounts-deps';
import { openSession, type OpenedSession } from './open-session';

const passwordProblemText = {
  TOO_SHORT: 'at least 10 characters',
  TOO_LONG: 'at most 128 characters',
  COMMON: 'a commonly used password',
  CONTAINS_MOBILE: 'contains the mobile number',
  ONE_CHARACTER: 'a single repeated character',
} as const;

/** Refuses a password the policy refuses (core/accounts/password-policy.ts) with WEAK_PASSWORD. */
export function assertStrongPassword({ password, mobile }: { password: string; mobile: string }): void {
  const problem = checkPassword({ password, mobile });
  if (problem)
    throw new AppError('WEAK_PASSWORD', `The password is too weak: ${passwordProblemText[problem]}`, {
      problem,
    });
}

export interface RegisterInput {
  mobile: string;
  password: string;
  displayName: string;
  role: 'borrower_individual' | 'borrower_enterprise';
  enterprise?:
    | { companyName: string; creditCode: string; actingAs: 'legal_representative' | 'authorised_agent' }
    | undefined;
}

/**
 * Registers a borrower by mobile number and password and logs them in. Enterprise borrowers register
 * the company they act for (as legal representative or authorised agent).
 */
export async function registerAccount({
  deps,
  input,
  clientIp,
  userAgent,
}: {
  deps: AccountsDeps;
  input: RegisterInput;
  clientIp: string;
  userAgent: string | null;
}): Promise<OpenedSession> {
  const limit = await deps.rateLimiter.hit({
    key: `register:${clientIp}`,
    limit: deps.settings.registrationsPerIpPerHour,
    windowSeconds: 3600,
  });
  if (!limit.isAllowed)
    throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: limit.retryAfterSeconds });

  const mobile = normaliseMobile(input.mobile);
  if (!mobile) throw new AppError('VALIDATION_FAILED', 'Not a mainland mobile number', { field: 'mobile' });
  assertStrongPassword({ password: input.password, mobile });

  let enterprise:
    | { companyName: string; creditCode: string; actingAs: 'legal_representative' | 'authorised_agent' }
    | undefined;
  if (input.role === 'borrower_enterprise') {
    if (!input.enterprise)
      throw new AppError('VALIDATION_FAILED', 'An enterprise account needs the company', {
        field: 'enterprise',
      });
    const code = checkCreditCode(input.enterprise.creditCode);
    if (!code.ok)
      throw new AppError('VALIDATION_FAILED', `Unified social credit code: ${code.message}`, {
        field: 'enterprise.creditCode',
      });
    enterprise = { ...input.enterprise, creditCode: code.code };
  } else if (input.enterprise) {
    throw new AppError('VALIDATION_FAILED', 'An individual account has no company', { field: 'enterprise' });
  }

  const account = await deps.accounts.create({
    id: randomUUID(),
    role: input.role,
    mobile,
    displayName: input.displayName.trim(),
    passwordHash: await deps.passwords.hash(input.password),
    ...(enterprise ?? {}),
  });
  if (!account) throw new AppError('ACCOUNT_EXISTS');
  return openSession({ deps, account, userAgent });
}
