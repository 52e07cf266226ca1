import { timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { phoneCodePolicy } from '../../core/identity/phone-code-policy';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { IdentityDeps } from './identity-deps';
import { loadCurrentVerification } from './load-current-verification';

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The borrower types the code they received. Each try counts (atomically, so parallel guesses do not
 * get extra tries); after 5 wrong ones the code is dead. The right code marks the mobile verified and
 * anchors that on the ledger.
 */
export async function verifyPhoneCode({
  deps,
  actor,
  capture,
  code,
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture?: Capture | undefined;
  code: string;
}): Promise<void> {
  const verification = await loadCurrentVerification({
    deps,
    actor,
    statuses: ['authority_passed'],
    needs: 'authority',
  });
  const sent = await deps.store.latestPhoneCode(verification.id);
  if (!sent) throw new AppError('PHONE_CODE_NOT_SENT');
  const now = deps.clock();
  if (sent.consumedAt !== null || now >= sent.expiresAt) throw new AppError('PHONE_CODE_EXPIRED');
  const tries = await deps.store.countPhoneCodeAttempt({
    id: sent.id,
    maxAttempts: phoneCodePolicy.maxAttempts,
  });
  if (tries === undefined) throw new AppError('PHONE_CODE_ATTEMPTS_EXCEEDED');
  if (!same(deps.hashCode({ codeId: sent.id, code: code.trim() }), sent.codeHash))
    throw new AppError('PHONE_CODE_WRONG', undefined, { attemptsLeft: phoneCodePolicy.maxAttempts - tries });

  const evidence = await deps.evidence.prepare({
    type: 'identity.check',
    accountId: actor.accountId,
    actor,
    capture,
    at: now,
    record: {
      kind: 'identity.check',
      step: 'phone',
      verificationId: verification.id,
      provider: deps.sms.provider,
      codeId: sent.id,
      result: 'verified',
      at: now.toISOString(),
    },
  });
  const done = await deps.store.completePhoneVerification({
    verificationId: verification.id,
    codeId: sent.id,
    mobile: sent.mobile,
    at: now,
    evidence,
  });
  if (!done) throw new AppError('PHONE_CODE_EXPIRED');
  deps.evidence.sequence();
}
