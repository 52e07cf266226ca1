import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { requiredConsents } from '../../core/identity/consent-texts';
import { pickChallenge, type LivenessChallenge } from '../../core/identity/liveness-challenge';
import { missingConsents } from './active-consents';
import type { IdentityDeps } from './identity-deps';
import { loadCurrentVerification } from './load-current-verification';

/** Frames a face check takes: enough to see the head turn, few enough to bound the upload. */
export const faceFrameLimits = { min: 3, max: 16 } as const;

/**
 * Failed face checks one verification may have. After that the borrower is verified by the officer in
 * the video interview instead: repeated tries are how a spoof is tuned until it passes.
 */
export const maxFailedFaceChecks = 5;

/**
 * Opens a one-time face check: the server picks the liveness challenge at random (a recording made
 * in advance cannot know it) and hands out an id the frames must be uploaded with, soon.
 */
export async function startFaceCheck({
  deps,
  actor,
}: {
  deps: IdentityDeps;
  actor: Actor;
}): Promise<{ id: string; challenge: LivenessChallenge; expiresAt: Date }> {
  const verification = await loadCurrentVerification({
    deps,
    actor,
    statuses: ['phone_verified'],
    needs: 'phone',
  });
  const missing = missingConsents(await deps.store.consentsOf(actor.accountId), [
    ...requiredConsents,
    'face_data',
  ]);
  if (missing.length) throw new AppError('CONSENT_REQUIRED', undefined, { missing });
  const failed = (await deps.store.faceChecksOf(verification.id)).filter((c) => c.passed === false).length;
  if (failed >= maxFailedFaceChecks) {
    throw new AppError('FACE_CHECK_LIMIT', undefined, { failed, limit: maxFailedFaceChecks });
  }
  const now = deps.clock();
  const check = {
    id: randomUUID(),
    verificationId: verification.id,
    accountId: actor.accountId,
    challenge: pickChallenge(deps.random()),
    issuedAt: now,
    expiresAt: new Date(now.getTime() + deps.settings.faceCheckTtlSeconds * 1000),
  };
  await deps.store.issueFaceCheck(check);
  return { id: check.id, challenge: check.challenge, expiresAt: check.expiresAt };
}
