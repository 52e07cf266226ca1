/**
 * What a face engine measures in one image (infra/face produces it; core/identity judges it).
 */
export interface DetectedFace {
  /** Detection confidence, 0..1. */
  readonly score: number;
  /** Box in pixels of the analysed image. */
  readonly box: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /**
   * Unit-length embedding (descriptor) for matching; compare with cosine similarity. Absent when the
   * engine was asked not to describe the face (FaceEngine.analyse's `describe: false`).
   */
  readonly embedding?: Float32Array | undefined;
  /** Head pose in degrees: yaw (+ turned to the person's left), pitch, roll. */
  readonly pose: { readonly yaw: number; readonly pitch: number; readonly roll: number };
  /** Eyes open, 0 (closed) .. 1 (open), when the model reports it. */
  readonly eyesOpen?: number | undefined;
  /** Passive anti-spoofing model's "real face" score, 0..1, when available. */
  readonly antispoof?: number | undefined;
  /** Passive liveness model's score, 0..1, when available. */
  readonly liveness?: number | undefined;
}

export interface FaceAnalysis {
  readonly faces: readonly DetectedFace[];
  readonly width: number;
  readonly height: number;
}
