/**
 * Judging a live selfie check (人脸核身) from the face engine's measurements of several frames.
 *
 * The browser sends 3–16 frames taken while the on-screen guidance asks the borrower to look at the
 * camera and then turn their head the way the server chose at random (the challenge). This file
 * decides, with no I/O:
 *
 * 1. every frame shows exactly one face (FACE_NONE, FACE_SEVERAL);
 * 2. the frames that decide the check show the same person (FACE_INCONSISTENT): the most frontal
 *    frame (matched to the reference) and the frames that show the challenge (a frontal frame and the
 *    turned frame after it, `challengeWitnesses`) must all have an embedding and reach the consistency
 *    threshold against the most frontal one; every other frame that has an embedding must too. The
 *    face engine need describe only those frames (`framesToDescribe`): describing is the costliest
 *    step, so the others are analysed without it;
 * 3. the challenge was performed (LIVENESS_CHALLENGE_NOT_MET): a near-frontal frame comes before a
 *    frame clearly turned the asked way, and no frame is clearly turned the other way. A still picture
 *    replayed as every frame has one pose, so it fails; a recording that turns both ways fails too;
 * 4. the most frontal frame matches the reference photo (FACE_MISMATCH), or the reference has no face
 *    (REFERENCE_FACE_NONE).
 *
 * The passive anti-spoofing and liveness model scores are recorded (median over frames) but do not
 * decide anything: on photos of photos they did not separate real from fake (docs/liveness.md), so an
 * unvalidated score would only add false rejections or false comfort. The active challenge is what
 * shows a live, moving head.
 *
 * Frames must be un-mirrored camera images (what getUserMedia delivers, not the mirrored preview):
 * yaw is positive when the person turns to their own left (see DetectedFace).
 */
import type { DetectedFace, FaceAnalysis } from './face-analysis';
import { cosineSimilarity } from './face-match';
import type { LivenessChallenge } from './liveness-challenge';

/** Why a face check failed. Stable strings stored with the result. */
export const faceVerificationFailures = {
  /** A frame shows no face. */
  FACE_NONE: 'A frame shows no face',
  /** A frame shows more than one face. */
  FACE_SEVERAL: 'A frame shows more than one face',
  /** Not every frame shows the same person. */
  FACE_INCONSISTENT: 'The frames do not all show the same person',
  /** The head did not move from frontal to turned the asked way (a still picture, a wrong turn). */
  LIVENESS_CHALLENGE_NOT_MET: 'The head turn that was asked for was not seen',
  /** The frontal face does not match the reference photo. */
  FACE_MISMATCH: 'The face does not match the reference photo',
  /** The reference photo shows no face to compare with. */
  REFERENCE_FACE_NONE: 'The reference photo shows no face',
} as const;
export type FaceVerificationFailure = keyof typeof faceVerificationFailures;

/**
 * Pose limits, in degrees of yaw as the face engine measures it (Human's mesh-based estimate).
 *
 * Measured on the shared test photos (docs/liveness.md): portraits facing the camera read within ±8°,
 * the most turned single-person photos 9–11°, and Human's yaw has a bias of about 1° (a photo and
 * its mirror image read −10.8° and +9.9°). The limits are set so those photos can play a head turn in
 * the tests; they are deliberately low. A real head turn at the guidance's prompt reaches 20° and more,
 * so raise `turnedYaw` once turns recorded with the web client have been measured. A replayed still
 * fails at any limits: one picture cannot be both frontal and turned.
 */
export const livenessPose = {
  /** At most this far from frontal counts as looking at the camera. */
  frontalYaw: 4,
  /** At least this far the asked way counts as turned; this far the other way fails the check. */
  turnedYaw: 7,
} as const;

/** What one frame showed, as recorded with the result. */
export interface FrameSummary {
  readonly faces: number;
  readonly yaw: number | null;
  readonly pitch: number | null;
  readonly roll: number | null;
  /** Cosine similarity to the most frontal frame (1 for that frame itself); null if not described. */
  readonly similarityToFrontal: number | null;
  readonly antispoof: number | null;
  readonly liveness: number | null;
}

export interface FaceVerificationJudgement {
  readonly passed: boolean;
  /** Failure codes (faceVerificationFailures), each at most once, in check order; empty when passed. */
  readonly failures: FaceVerificationFailure[];
  /** Cosine similarity of the most frontal frame to the reference; null when there was nothing to compare. */
  readonly similarity: number | null;
  readonly threshold: number;
  readonly challenge: LivenessChallenge;
  readonly frames: FrameSummary[];
  /** Median passive anti-spoofing score over the frames (recorded, not decisive); null if not measured. */
  readonly antispoof: number | null;
  /** Median passive liveness score over the frames (recorded, not decisive); null if not measured. */
  readonly liveness: number | null;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * The frames that show the challenge, as indexes into `yaws`: the first frame turned at least
 * `turnedYaw` the asked way that comes after a near-frontal frame, and the last near-frontal frame
 * before it. Undefined when there is no such pair. Frames turned the other way are not looked at here
 * (isChallengeMet refuses them). `yaws` are per frame in order (null where the frame had no single
 * face). Positive yaw = the person's own left.
 */
export function challengeWitnesses({
  yaws,
  challenge,
  frontalYaw = livenessPose.frontalYaw,
  turnedYaw = livenessPose.turnedYaw,
}: {
  yaws: readonly (number | null)[];
  challenge: LivenessChallenge;
  frontalYaw?: number;
  turnedYaw?: number;
}): { frontal: number; turned: number } | undefined {
  const sign = challenge === 'turn_left' ? 1 : -1;
  let frontal: number | undefined;
  for (const [i, yaw] of yaws.entries()) {
    if (yaw === null) continue;
    if (Math.abs(yaw) <= frontalYaw) frontal = i;
    else if (frontal !== undefined && sign * yaw >= turnedYaw) return { frontal, turned: i };
  }
  return undefined;
}

/**
 * Whether the yaw track shows the challenge: a near-frontal frame, later a frame turned at least
 * `turnedYaw` the asked way, and never a frame turned that far the other way. `yaws` are per frame in
 * order (null where the frame had no single face). Positive yaw = the person's own left.
 */
export function isChallengeMet({
  yaws,
  challenge,
  frontalYaw = livenessPose.frontalYaw,
  turnedYaw = livenessPose.turnedYaw,
}: {
  yaws: readonly (number | null)[];
  challenge: LivenessChallenge;
  frontalYaw?: number;
  turnedYaw?: number;
}): boolean {
  const sign = challenge === 'turn_left' ? 1 : -1;
  if (yaws.some((yaw) => yaw !== null && sign * yaw <= -turnedYaw)) return false; // turned the other way
  return challengeWitnesses({ yaws, challenge, frontalYaw, turnedYaw }) !== undefined;
}

/** The face of each frame that shows exactly one, else undefined. */
function singleFaces(frames: readonly FaceAnalysis[]): (DetectedFace | undefined)[] {
  return frames.map((f) => (f.faces.length === 1 ? f.faces[0] : undefined));
}

/** The most frontal single-face frame's index (smallest |yaw|; the earlier one on a tie). */
function anchorIndex(single: readonly (DetectedFace | undefined)[]): number | undefined {
  let best: number | undefined;
  for (const [i, face] of single.entries())
    if (face && (best === undefined || Math.abs(face.pose.yaw) < Math.abs(single[best]!.pose.yaw))) best = i;
  return best;
}

/**
 * The frames whose faces must be described (embedded) for judgeFaceVerification to decide, given the
 * frames analysed without description: the most frontal single-face frame (it is matched to the
 * reference) and the two frames that show the challenge (challengeWitnesses). Ascending indexes, at
 * most three. The judgement is the same as with every frame described, except that frames outside
 * these are not compared with the most frontal one.
 */
export function framesToDescribe({
  frames,
  challenge,
  pose = livenessPose,
}: {
  frames: readonly FaceAnalysis[];
  challenge: LivenessChallenge;
  pose?: { frontalYaw: number; turnedYaw: number };
}): number[] {
  const single = singleFaces(frames);
  const picked = new Set<number>();
  const anchor = anchorIndex(single);
  if (anchor !== undefined) picked.add(anchor);
  const witnesses = challengeWitnesses({
    yaws: single.map((face) => face?.pose.yaw ?? null),
    challenge,
    ...pose,
  });
  if (witnesses) picked.add(witnesses.frontal).add(witnesses.turned);
  return [...picked].sort((a, b) => a - b);
}

/**
 * Judges a live selfie check. `reference` is the embedding of the reference photo (the identity
 * authority's photo), or undefined when no face was found in it; `threshold` is the match threshold
 * (FACE_MATCH_THRESHOLD for the engine's model). `consistencyThreshold` (default: `threshold`) is the
 * least similarity of every described frame to the most frontal one; `pose` the yaw limits
 * (livenessPose). Frames may come without embeddings except those `framesToDescribe` names.
 */
export function judgeFaceVerification({
  frames,
  challenge,
  reference,
  threshold,
  consistencyThreshold = threshold,
  pose = livenessPose,
}: {
  frames: readonly FaceAnalysis[];
  challenge: LivenessChallenge;
  reference: ArrayLike<number> | undefined;
  threshold: number;
  consistencyThreshold?: number;
  pose?: { frontalYaw: number; turnedYaw: number };
}): FaceVerificationJudgement {
  const failures = new Set<FaceVerificationFailure>();
  if (frames.length === 0) failures.add('FACE_NONE');
  const single = singleFaces(frames);
  for (const f of frames) {
    if (f.faces.length === 0) failures.add('FACE_NONE');
    if (f.faces.length > 1) failures.add('FACE_SEVERAL');
  }

  // The anchor: the most frontal single-face frame (smallest |yaw|; the earlier one on a tie).
  const anchorAt = anchorIndex(single);
  const anchor = anchorAt === undefined ? undefined : single[anchorAt];
  const anchorEmbedding = anchor?.embedding;

  const toAnchor = single.map((face) =>
    face?.embedding && anchorEmbedding ? cosineSimilarity(face.embedding, anchorEmbedding) : null,
  );
  if (toAnchor.some((s) => s !== null && s < consistencyThreshold)) failures.add('FACE_INCONSISTENT');
  // The frames that decide must be described: without an embedding they cannot be shown to be the
  // same person.
  if (framesToDescribe({ frames, challenge, pose }).some((i) => !single[i]?.embedding))
    failures.add('FACE_INCONSISTENT');

  if (!isChallengeMet({ yaws: single.map((face) => face?.pose.yaw ?? null), challenge, ...pose }))
    failures.add('LIVENESS_CHALLENGE_NOT_MET');

  let similarity: number | null = null;
  if (!reference) failures.add('REFERENCE_FACE_NONE');
  else if (anchorEmbedding) {
    similarity = cosineSimilarity(anchorEmbedding, reference);
    if (similarity < threshold) failures.add('FACE_MISMATCH');
  }

  const present = single.filter((f): f is DetectedFace => f !== undefined);
  const scores = (pick: (f: DetectedFace) => number | undefined) =>
    median(present.map(pick).filter((x): x is number => x !== undefined));
  const order = Object.keys(faceVerificationFailures) as FaceVerificationFailure[];
  return {
    passed: failures.size === 0,
    failures: order.filter((code) => failures.has(code)),
    similarity,
    threshold,
    challenge,
    frames: frames.map((f, i) => {
      const face = single[i];
      return {
        faces: f.faces.length,
        yaw: face ? face.pose.yaw : null,
        pitch: face ? face.pose.pitch : null,
        roll: face ? face.pose.roll : null,
        similarityToFrontal: toAnchor[i] ?? null,
        antispoof: face?.antispoof ?? null,
        liveness: face?.liveness ?? null,
      };
    }),
    antispoof: scores((f) => f.antispoof),
    liveness: scores((f) => f.liveness),
  };
}
