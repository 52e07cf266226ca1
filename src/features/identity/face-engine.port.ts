/**
 * The face engine: finds faces in an image and describes each one. The adapter (infra/face) runs
 * models shipped inside an npm package, loaded from disk; nothing is fetched at run time. Judging
 * (exactly one face, liveness over several frames, match against the authority's photo) is pure and
 * lives in core/identity; this port only measures.
 */
import type { FaceAnalysis } from '../../core/identity/face-analysis';

export type { DetectedFace, FaceAnalysis } from '../../core/identity/face-analysis';

export interface FaceEngine {
  /** Name and version of the models, stored with every result. */
  readonly modelVersion: string;
  /**
   * Analyses one JPEG, PNG or WebP image. Throws FACE_IMAGE_INVALID (AppError) for bytes that are not
   * a whole image. With `describe: false` the faces come without `embedding` (the costliest step is
   * skipped) and without the passive `antispoof` and `liveness` scores (they decide nothing and are
   * computed with the description); analysing the same bytes again with `describe: true` (the default)
   * must give the same faces with embeddings and those scores, and an engine may make that second call
   * cheap by keeping what it found the first time.
   */
  analyse(image: Uint8Array, options?: { describe?: boolean }): Promise<FaceAnalysis>;
  /** Loads the models ahead of the first borrower (a server calls it at start, without waiting). */
  warmUp?(): Promise<void>;
}
