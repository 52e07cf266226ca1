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
  /** Analyses one JPEG or PNG image. Throws FACE_IMAGE_INVALID (AppError) for bytes that are not an image. */
  analyse(image: Uint8Array): Promise<FaceAnalysis>;
}
