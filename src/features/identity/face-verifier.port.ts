import type { LivenessChallenge } from '../../core/identity/liveness-challenge';

/**
 * What the verification flow needs of face verification: the frames, the challenge the server picked
 * and the authority's registered photo in, a judged result out. Composed from the face engine and
 * `verifyFace` (verify-face.ts) at the composition root.
 */
export interface FaceVerificationResult {
  readonly passed: boolean;
  readonly failures: readonly string[];
  readonly similarity: number | null;
  readonly threshold: number;
  readonly challenge: LivenessChallenge;
  /** Per-frame measurements as the verifier reports them (stored as JSON). */
  readonly frames: unknown;
  readonly antispoof: unknown;
  readonly liveness: unknown;
  readonly modelVersion: string;
}

export type FaceVerifier = (input: {
  frames: Uint8Array[];
  challenge: LivenessChallenge;
  reference: Uint8Array;
}) => Promise<FaceVerificationResult>;
