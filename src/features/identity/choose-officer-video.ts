import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { requiredConsents } from '../../core/identity/consent-texts';
import type { Capture } from '../../core/ledger/evidence/capture';
import { missingConsents } from './active-consents';
import type { IdentityDeps } from './identity-deps';
import type { VerificationRecord } from './identity-store.port';
import { loadCurrentVerification } from './load-current-verification';

/**
 * A borrower who refuses face recognition (PIPL lets them) is verified by the loan officer in the
 * video interview instead: the verification records method 'officer_video', pending that interview,
 * and the borrower's applications under review move on to identity_verified so that the interview
 * can be booked (the officer's conclusion confirms the identity or fails the interview).
 */
export async function chooseOfficerVideo({
  deps,
  actor,
  capture,
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture?: Capture | undefined;
}): Promise<VerificationRecord> {
  const verification = await loadCurrentVerification({
    deps,
    actor,
    statuses: ['phone_verified'],
    needs: 'phone',
  });
  const missing = missingConsents(await deps.store.consentsOf(actor.accountId), requiredConsents);
  if (missing.length) throw new AppError('CONSENT_REQUIRED', undefined, { missing });
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'identity.check',
    accountId: actor.accountId,
    actor,
    capture,
    at,
    record: {
      kind: 'identity.check',
      step: 'method',
      verificationId: verification.id,
      method: 'officer_video',
      result: 'pending_interview',
      at: at.toISOString(),
    },
  });
  const updated = await deps.store.chooseOfficerVideo({ verificationId: verification.id, at, evidence });
  if (!updated) throw new AppError('IDENTITY_STEP_OUT_OF_ORDER', undefined, { needs: 'phone' });
  deps.evidence.sequence();
  // The authority and the phone are checked; the face is the officer's to check in the interview, so
  // the borrower's applications under review go on to identity_verified, where an interview is booked.
  await deps.applications.promoteVerified({
    accountId: actor.accountId,
    idNumber: verification.idNumber,
    verificationId: verification.id,
  });
  return updated;
}
