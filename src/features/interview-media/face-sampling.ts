/**
 * The live identity check's rules (issue 7 items 5 and 7), pure: which flags a sampled frame of the
 * borrower's camera raises, and whether the head poses of the last seconds show a nod (点头).
 */

export type FaceFlag = 'no_face' | 'second_face' | 'mismatch' | 'nod';

/** One stored sample of the borrower's face (no image). */
export interface FaceSampleRecord {
  id: string;
  interviewId: string;
  sessionId: string;
  accountId: string;
  at: Date;
  /** Milliseconds since the session's first media packet. */
  offsetMs: number;
  faceCount: number;
  /** Cosine similarity with the authority's photo; null without a reference or without exactly one face. */
  matchScore: number | null;
  /** The (largest) face's head pose in degrees, when a face was seen. */
  pose: { yaw: number; pitch: number } | null;
  flags: FaceFlag[];
}

/**
 * The flags of one sample: no face, a second face (more than one), or a match below the threshold
 * (only when there is a score, i.e. a reference photo and one face). A nod is added by the caller.
 */
export function flagSample({
  faceCount,
  matchScore,
  threshold,
}: {
  faceCount: number;
  matchScore: number | null;
  threshold: number;
}): FaceFlag[] {
  if (faceCount === 0) return ['no_face'];
  const flags: FaceFlag[] = [];
  if (faceCount > 1) flags.push('second_face');
  if (matchScore !== null && matchScore < threshold) flags.push('mismatch');
  return flags;
}

/**
 * A nod: within `windowMs` the pitch moves at least `minDegrees` away from where it was (the head
 * goes down) and comes back at least `minDegrees` (up again): a "yes" to the officer. `poses` are in
 * time order. The sign of the engine's pitch is not relied on (either direction counts), so a quick
 * look up and back also counts; yaw is ignored. Returns the time of the turning point, or undefined.
 */
export function detectNod({
  poses,
  windowMs = 2000,
  minDegrees = 8,
}: {
  poses: readonly { atMs: number; pitch: number }[];
  windowMs?: number;
  minDegrees?: number;
}): number | undefined {
  for (let i = 0; i < poses.length; i++) {
    const start = poses[i]!;
    for (let j = i + 1; j < poses.length && poses[j]!.atMs - start.atMs <= windowMs; j++) {
      const low = poses[j]!;
      const away = low.pitch - start.pitch;
      if (Math.abs(away) < minDegrees) continue;
      for (let k = j + 1; k < poses.length && poses[k]!.atMs - start.atMs <= windowMs; k++)
        if (Math.sign(away) * (low.pitch - poses[k]!.pitch) >= minDegrees) return low.atMs;
    }
  }
  return undefined;
}

/** Flags that go on the ledger as an `interview` evidence leaf when they begin (not every sample). */
export const LEDGER_FLAGS: readonly FaceFlag[] = ['second_face', 'mismatch'];
