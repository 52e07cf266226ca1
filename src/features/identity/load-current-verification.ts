import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { IdentityDeps } from './identity-deps';
import type { VerificationRecord, VerificationStatus } from './identity-store.port';

/**
 * The caller's latest verification, which must be in one of `statuses` for the step at hand;
 * IDENTITY_STEP_OUT_OF_ORDER names what is needed otherwise.
 */
export async function loadCurrentVerification({
  deps,
  actor,
  statuses,
  needs,
}: {
  deps: Pick<IdentityDeps, 'store'>;
  actor: Actor;
  statuses: readonly VerificationStatus[];
  /** The step that has to come first, for the error's details. */
  needs: string;
}): Promise<VerificationRecord> {
  const verification = await deps.store.latestVerification(actor.accountId);
  if (!verification) throw new AppError('IDENTITY_VERIFICATION_NOT_FOUND');
  if (!statuses.includes(verification.status))
    throw new AppError('IDENTITY_STEP_OUT_OF_ORDER', undefined, { status: verification.status, needs });
  return verification;
}
