import { AppError } from '../../core/errors';
import type { FaceAnalysis } from '../../core/identity/face-analysis';
import { FACE_MATCH_THRESHOLD } from '../../core/identity/face-threshold';
import {
  framesToDescribe,
  judgeFaceVerification,
  type FaceVerificationJudgement,
} from '../../core/identity/judge-face-verification';
import type { LivenessChallenge } from '../../core/identity/liveness-challenge';
import type { FaceEngine } from './face-engine.port';

/** Frames per selfie check: fewer cannot show a turn; more only cost time (each ~50–150 ms). */
export const selfieFrameLimits = { min: 3, max: 16 } as const;
/** Largest accepted selfie frame or reference photo, in bytes (a 1280×720 JPEG is ~100–300 KB). */
export const maxFaceImageBytes = 2 * 1024 * 1024;

/** The judgement plus the model version that measured it (stored together). */
export type FaceVerificationResult = FaceVerificationJudgement & { readonly modelVersion: string };

/**
 * Verifies a live selfie (人脸核身): analyses each frame and the reference photo (the identity
 * authority's photo of the person) with the face engine and judges them (judge-face-verification.ts).
 * A failed check is a returned result (`passed: false`, `failures`), not an error. Throws
 * FACE_FRAMES_INVALID for a frame count outside 3–16, FACE_IMAGE_TOO_LARGE for an image over 2 MB and
 * FACE_IMAGE_INVALID for bytes that are not a JPEG or PNG.
 *
 * The match uses the subject of the reference photo: its largest face (an ID photo has one).
 *
 * Frames are analysed without description first (detection, mesh, pose, passive scores); then only
 * the frames the judgement needs (the most frontal one and the two that show the challenge,
 * `framesToDescribe`) are described — the engine keeps what it found, so that costs the description
 * model alone. The reference is analysed last: an engine may have it cached from an earlier attempt.
 */
export async function verifyFace({
  deps: { faceEngine },
  frames,
  challenge,
  reference,
}: {
  deps: { faceEngine: FaceEngine };
  frames: readonly Uint8Array[];
  challenge: LivenessChallenge;
  reference: Uint8Array;
}): Promise<FaceVerificationResult> {
  if (frames.length < selfieFrameLimits.min || frames.length > selfieFrameLimits.max)
    throw new AppError(
      'FACE_FRAMES_INVALID',
      `Send between ${selfieFrameLimits.min} and ${selfieFrameLimits.max} selfie frames, not ${frames.length}`,
      { ...selfieFrameLimits, received: frames.length },
    );
  for (const [i, image] of [reference, ...frames].entries())
    if (image.byteLength > maxFaceImageBytes)
      throw new AppError('FACE_IMAGE_TOO_LARGE', undefined, {
        maxBytes: maxFaceImageBytes,
        image: i === 0 ? 'reference' : `frame ${i}`,
      });

  const analyses: FaceAnalysis[] = [];
  for (const frame of frames) analyses.push(await faceEngine.analyse(frame, { describe: false }));
  for (const i of framesToDescribe({ frames: analyses, challenge }))
    analyses[i] = await faceEngine.analyse(frames[i]!, { describe: true });
  const referenceAnalysis = await faceEngine.analyse(reference);

  let subject = referenceAnalysis.faces[0];
  for (const f of referenceAnalysis.faces)
    if (subject && f.box.width * f.box.height > subject.box.width * subject.box.height) subject = f;

  return {
    ...judgeFaceVerification({
      frames: analyses,
      challenge,
      reference: subject?.embedding,
      threshold: FACE_MATCH_THRESHOLD,
    }),
    modelVersion: faceEngine.modelVersion,
  };
}
