import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors';
import type { DetectedFace, FaceAnalysis } from '../../core/identity/face-analysis';
import { FACE_MATCH_THRESHOLD } from '../../core/identity/face-threshold';
import type { FaceEngine } from './face-engine.port';
import { maxFaceImageBytes, verifyFace } from './verify-face';

/**
 * A face engine that "sees" what the first bytes of each image say: byte 0 = person (255: no face),
 * byte 1 = yaw + 90 in degrees. It implements the port; the real engine is tested in infra/face.
 */
function scriptedEngine(): FaceEngine & { calls: number; described: number } {
  const engine = {
    modelVersion: 'scripted-1',
    calls: 0,
    described: 0,
    async analyse(image: Uint8Array, { describe = true } = {}): Promise<FaceAnalysis> {
      engine.calls++;
      if (describe) engine.described++;
      const person = image[0]!;
      if (person === 255) return { faces: [], width: 640, height: 480 };
      const embedding = new Float32Array(16);
      embedding[person] = 1;
      const face: DetectedFace = {
        score: 0.99,
        box: { x: 0, y: 0, width: 100 + person, height: 100 },
        ...(describe ? { embedding } : {}),
        pose: { yaw: image[1]! - 90, pitch: 0, roll: 0 },
        antispoof: 0.7,
        liveness: 0.8,
      };
      return { faces: [face], width: 640, height: 480 };
    },
  };
  return engine;
}

const img = (person: number, yaw = 0) => new Uint8Array([person, yaw + 90]);

describe('verifyFace', () => {
  it('analyses every frame, describes only the deciding ones, and returns the judgement', async () => {
    const faceEngine = scriptedEngine();
    const r = await verifyFace({
      deps: { faceEngine },
      frames: [img(1, 0), img(1, 3), img(1, -25), img(1, -35)],
      challenge: 'turn_right',
      reference: img(1, 2),
    });
    // 4 frames without description; then the most frontal (0°), the frontal before the turn (3°) and
    // the first turned frame (−25°) described; then the reference.
    expect(faceEngine.calls).toBe(8);
    expect(faceEngine.described).toBe(4);
    expect(r).toMatchObject({
      passed: true,
      failures: [],
      similarity: 1,
      threshold: FACE_MATCH_THRESHOLD,
      challenge: 'turn_right',
      modelVersion: 'scripted-1',
      antispoof: 0.7,
      liveness: 0.8,
    });
    expect(r.frames).toHaveLength(4);
    expect(r.frames.map((f) => f.similarityToFrontal)).toEqual([1, 1, 1, null]);
  });

  it('fails when a frame that shows the turn is someone else (FACE_INCONSISTENT)', async () => {
    const r = await verifyFace({
      deps: { faceEngine: scriptedEngine() },
      frames: [img(1, 0), img(1, 2), img(2, -25), img(1, 0)],
      challenge: 'turn_right',
      reference: img(1),
    });
    expect(r.failures).toEqual(['FACE_INCONSISTENT']);
  });

  it('returns failures as a result, not an error', async () => {
    const r = await verifyFace({
      deps: { faceEngine: scriptedEngine() },
      frames: [img(2, 0), img(2, 0), img(2, 0)],
      challenge: 'turn_left',
      reference: img(1),
    });
    expect(r.failures).toEqual(['LIVENESS_CHALLENGE_NOT_MET', 'FACE_MISMATCH']);
    const noReferenceFace = await verifyFace({
      deps: { faceEngine: scriptedEngine() },
      frames: [img(1, 0), img(1, 30), img(1, 40)],
      challenge: 'turn_left',
      reference: img(255),
    });
    expect(noReferenceFace.failures).toEqual(['REFERENCE_FACE_NONE']);
  });

  it('bounds the input: 3–16 frames of at most 2 MB each', async () => {
    const faceEngine = scriptedEngine();
    const attempt = (frames: Uint8Array[], reference = img(1)) =>
      verifyFace({ deps: { faceEngine }, frames, challenge: 'turn_left', reference }).then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isAppError(await attempt([img(1), img(1)]), 'FACE_FRAMES_INVALID')).toBe(true);
    expect(isAppError(await attempt(Array.from({ length: 17 }, () => img(1))), 'FACE_FRAMES_INVALID')).toBe(
      true,
    );
    const big = new Uint8Array(maxFaceImageBytes + 1);
    expect(isAppError(await attempt([img(1), big, img(1)]), 'FACE_IMAGE_TOO_LARGE')).toBe(true);
    expect(isAppError(await attempt([img(1), img(1), img(1)], big), 'FACE_IMAGE_TOO_LARGE')).toBe(true);
    expect(faceEngine.calls).toBe(0); // refused before any image was analysed
  });
});
