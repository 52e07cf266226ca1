import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { maskMobile } from '../../core/identity/mask';
import { normaliseMobile } from '../../core/identity/mobile';
import { phoneCodeMessage, phoneCodePolicy } from '../../core/identity/phone-code-policy';
import type { IdentityDeps } from './identity-deps';
import { loadCurrentVerification } from './load-current-verification';

/**
 * Sends a one-time code to the mobile the borrower names (after the authority has confirmed who they
 * are). A new code may follow the last one after 60 s, at most 5 an hour per account and per number;
 * only the code's keyed hash is stored.
 */
export async function sendPhoneCode({
  deps,
  actor,
  mobile: rawMobile,
}: {
  deps: IdentityDeps;
  actor: Actor;
  mobile: string;
}): Promise<{ mobileMasked: string; expiresAt: Date; resendAfter: Date }> {
  const verification = await loadCurrentVerification({
    deps,
    actor,
    statuses: ['authority_passed'],
    needs: 'authority',
  });
  const mobile = normaliseMobile(rawMobile);
  if (!mobile) throw new AppError('VALIDATION_FAILED', 'Not a mainland mobile number', { field: 'mobile' });
  const now = deps.clock();
  const usage = await deps.store.phoneCodeUsage({
    accountId: actor.accountId,
    mobile,
    since: new Date(now.getTime() - 3_600_000),
  });
  const cooldownMs = phoneCodePolicy.resendCooldownSeconds * 1000;
  if (usage.lastSentAt && now.getTime() - usage.lastSentAt.getTime() < cooldownMs)
    throw new AppError('PHONE_CODE_TOO_SOON', undefined, {
      retryAfterSeconds: Math.ceil((usage.lastSentAt.getTime() + cooldownMs - now.getTime()) / 1000),
    });
  if (usage.count >= phoneCodePolicy.perHour)
    throw new AppError('PHONE_CODE_LIMIT', undefined, {
      retryAfterSeconds: Math.max(
        1,
        Math.ceil(((usage.firstSentAt?.getTime() ?? now.getTime()) + 3_600_000 - now.getTime()) / 1000),
      ),
    });

  const id = randomUUID();
  const code = deps.newCode();
  const expiresAt = new Date(now.getTime() + phoneCodePolicy.ttlSeconds * 1000);
  await deps.store.addPhoneCode({
    id,
    verificationId: verification.id,
    accountId: actor.accountId,
    mobile,
    codeHash: deps.hashCode({ codeId: id, code }),
    attempts: 0,
    expiresAt,
    consumedAt: null,
    createdAt: now,
  });
  await deps.sms.send({ mobile, text: phoneCodeMessage(code), purpose: 'identity_phone_code' });
  return { mobileMasked: maskMobile(mobile), expiresAt, resendAfter: new Date(now.getTime() + cooldownMs) };
}
