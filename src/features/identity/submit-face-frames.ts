import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { requiredConsents } from '../../core/identity/consent-texts';
import type { Capture } from '../../core/ledger/evidence/capture';
import { activeConsentKinds, missingConsents } from './active-consents';
import type { IdentityDeps } from './identity-deps';
import type {
  AuthorityCheckRecord,
  ConsentRecord,
  FaceCheckRecord,
  VerificationRecord,
} from './identity-store.port';
import { faceFrameLimits } from './start-face-check';

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

export interface FaceCheckOutcome {
  check: FaceCheckRecord;
  /** Applications moved to identity_verified because this check completed the verification. */
  promotedApplicationIds: string[];
}

/**
 * The browser's frames for a one-time face check. The server asks the authority for the registered
 * photo, has the frames judged against it and the challenge it picked (`verifyFace`), stores the result
 * with its scores, model version and threshold, and anchors it on the ledger. Frames are kept
 * (encrypted) only under the retention consent; otherwise they exist only for this call. A pass
 * completes the verification and moves the borrower's applications under review on.
 */
export async function submitFaceFrames({
  deps,
  actor,
  capture,
  faceCheckId,
  frames,
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture?: Capture | undefined;
  faceCheckId: string;
  frames: Uint8Array[];
}): Promise<FaceCheckOutcome> {
  const check = await deps.store.findFaceCheck(faceCheckId);
  // Another borrower's check id gets the same answer as an unknown one.
  if (!check || check.accountId !== actor.accountId) throw new AppError('FACE_CHECK_NOT_FOUND');
  if (check.status !== 'issued') throw new AppError('FACE_CHECK_USED');
  const now = deps.clock();
  if (now >= check.expiresAt) throw new AppError('FACE_CHECK_EXPIRED');
  if (frames.length < faceFrameLimits.min || frames.length > faceFrameLimits.max)
    throw new AppError('FACE_FRAMES_INVALID', undefined, { ...faceFrameLimits, received: frames.length });
  frames.forEach((f, i) => {
    if (f.length > deps.settings.maxFrameBytes)
      throw new AppError('FACE_IMAGE_TOO_LARGE', undefined, {
        frame: i,
        maxBytes: deps.settings.maxFrameBytes,
      });
    if (!isJpeg(f)) throw new AppError('FACE_IMAGE_INVALID', 'Each frame must be a JPEG image', { frame: i });
  });
  const verification = await deps.store.latestVerification(actor.accountId);
  if (!verification || verification.id !== check.verificationId || verification.status !== 'phone_verified')
    throw new AppError('IDENTITY_STEP_OUT_OF_ORDER', undefined, { needs: 'phone' });
  const consents = await deps.store.consentsOf(actor.accountId);
  const missing = missingConsents(consents, [...requiredConsents, 'face_data']);
  if (missing.length) throw new AppError('CONSENT_REQUIRED', undefined, { missing });
  if (!(await deps.store.claimFaceCheck(check.id))) throw new AppError('FACE_CHECK_USED');

  try {
    return await judgeAndStore({ deps, actor, capture, check, verification, consents, frames });
  } catch (e) {
    // Nothing was stored (the authority or the engine failed, or a frame cannot be decoded): the
    // borrower may send frames again while the check is valid.
    await deps.store.releaseFaceCheck(check.id);
    throw e;
  }
}

/** Canonical JSON (the ledger's record format) holds integers only: scores go as decimal strings. */
const decimal = (x: number | null | undefined) => (typeof x === 'number' ? x.toFixed(6) : null);

async function judgeAndStore({
  deps,
  actor,
  capture,
  check,
  verification,
  consents,
  frames,
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture: Capture | undefined;
  check: FaceCheckRecord;
  verification: VerificationRecord;
  consents: ConsentRecord[];
  frames: Uint8Array[];
}): Promise<FaceCheckOutcome> {
  const answer = await deps.authority.check({
    name: verification.name,
    idNumber: verification.idNumber,
    wantsPhoto: true,
  });
  const reference = answer.verdict === 'consistent' ? answer.registeredPhoto : undefined;
  const result = reference
    ? await deps.verifyFace({ frames, challenge: check.challenge, reference })
    : undefined;
  const at = deps.clock();
  const authorityCheck: AuthorityCheckRecord = {
    id: randomUUID(),
    verificationId: verification.id,
    provider: answer.provider,
    requestKind: 'photo',
    verdict: answer.verdict,
    similarity: answer.similarity ?? null,
    hasPhoto: answer.registeredPhoto !== undefined,
    responseSha256: answer.responseSha256,
    providerReference: answer.reference,
    requestedAt: answer.requestedAt,
    answeredAt: answer.answeredAt,
  };
  const framesSha256 = frames.map((f) => createHash('sha256').update(f).digest('hex'));
  const passed = result?.passed ?? false;
  const failures = result ? [...result.failures] : ['REFERENCE_UNAVAILABLE'];
  const isRetained = activeConsentKinds(consents).has('face_image_retention');
  const evidence = await deps.evidence.prepare({
    type: 'identity.check',
    accountId: actor.accountId,
    actor,
    capture,
    at,
    record: {
      kind: 'identity.check',
      step: 'face',
      verificationId: verification.id,
      faceCheckId: check.id,
      challenge: check.challenge,
      passed,
      failures,
      similarity: decimal(result?.similarity),
      threshold: decimal(result?.threshold),
      modelVersion: result?.modelVersion ?? null,
      framesSha256,
      imagesRetained: isRetained,
      authority: {
        provider: answer.provider,
        verdict: answer.verdict,
        responseSha256: answer.responseSha256,
        hasPhoto: authorityCheck.hasPhoto,
      },
      at: at.toISOString(),
    },
  });
  await deps.store.completeFaceCheck({
    id: check.id,
    at,
    passed,
    failures,
    similarity: result?.similarity ?? null,
    threshold: result?.threshold ?? null,
    scores: result
      ? {
          antispoof: result.antispoof ?? null,
          liveness: result.liveness ?? null,
          frames: result.frames ?? null,
        }
      : null,
    modelVersion: result?.modelVersion ?? null,
    framesSha256,
    images: isRetained ? frames : undefined,
    authorityCheck,
    verified: passed ? { verificationId: verification.id } : undefined,
    evidence: [evidence],
  });
  deps.evidence.sequence();
  if (!result) throw new AppError('FACE_REFERENCE_UNAVAILABLE', undefined, { verdict: answer.verdict });
  const promotedApplicationIds = passed
    ? await deps.applications.promoteVerified({
        accountId: actor.accountId,
        idNumber: verification.idNumber,
        verificationId: verification.id,
      })
    : [];
  const stored = await deps.store.findFaceCheck(check.id);
  return { check: stored!, promotedApplicationIds };
}
