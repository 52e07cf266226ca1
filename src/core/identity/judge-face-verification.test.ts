import { describe, expect, it } from 'vitest';
import type { DetectedFace, FaceAnalysis } from './face-analysis';
import { chooseThreshold, cosineSimilarity, isSamePerson } from './face-match';
import {
  challengeWitnesses,
  framesToDescribe,
  isChallengeMet,
  judgeFaceVerification,
  livenessPose,
} from './judge-face-verification';

/** A unit vector in 8 dimensions: person `p`'s identity direction, nudged by `jitter` on axis 7. */
function embedding(person: number, jitter = 0): Float32Array {
  const v = new Float32Array(8);
  v[person] = 1;
  v[7] = jitter;
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

function face({
  person = 0,
  yaw = 0,
  jitter = 0.1,
}: { person?: number; yaw?: number; jitter?: number } = {}): DetectedFace {
  return {
    score: 0.99,
    box: { x: 100, y: 80, width: 200, height: 240 },
    embedding: embedding(person, jitter),
    pose: { yaw, pitch: 2, roll: 1 },
    eyesOpen: 1,
    antispoof: 0.8,
    liveness: 0.9,
  };
}

const frame = (...faces: DetectedFace[]): FaceAnalysis => ({ faces, width: 640, height: 480 });
/** A borrower who looks at the camera and then turns to their own left (positive yaw). */
const turningLeft = [0, 2, 12, 25, 34, 30].map((yaw) => frame(face({ yaw })));
const reference = embedding(0, 0.3);
const threshold = 0.6;
/** Wider limits than the defaults, so the cases read in round numbers; the defaults have their own test. */
const pose = { frontalYaw: 10, turnedYaw: 20 };

describe('judgeFaceVerification', () => {
  it('passes a frontal-then-turned sequence of the reference person and records what it saw', () => {
    const r = judgeFaceVerification({
      frames: turningLeft,
      challenge: 'turn_left',
      reference,
      threshold,
      pose,
    });
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.similarity).toBeGreaterThan(0.9);
    expect(r.threshold).toBe(0.6);
    expect(r.challenge).toBe('turn_left');
    expect(r.frames.map((f) => f.yaw)).toEqual([0, 2, 12, 25, 34, 30]);
    expect(r.frames.every((f) => f.faces === 1 && f.similarityToFrontal! > 0.99)).toBe(true);
    expect(r.antispoof).toBeCloseTo(0.8);
    expect(r.liveness).toBeCloseTo(0.9);
  });

  it('passes turn_right with negative yaw', () => {
    const frames = [3, -1, -15, -28, -33].map((yaw) => frame(face({ yaw })));
    expect(
      judgeFaceVerification({ frames, challenge: 'turn_right', reference, threshold, pose }).passed,
    ).toBe(true);
  });

  it('fails a frame without a face (FACE_NONE) and one with two faces (FACE_SEVERAL)', () => {
    const none = [...turningLeft.slice(0, 3), frame(), ...turningLeft.slice(3)];
    expect(
      judgeFaceVerification({ frames: none, challenge: 'turn_left', reference, threshold, pose }).failures,
    ).toEqual(['FACE_NONE']);
    const several = [
      ...turningLeft.slice(0, 3),
      frame(face({ yaw: 20 }), face({ person: 1 })),
      ...turningLeft.slice(3),
    ];
    expect(
      judgeFaceVerification({ frames: several, challenge: 'turn_left', reference, threshold, pose }).failures,
    ).toEqual(['FACE_SEVERAL']);
    expect(
      judgeFaceVerification({ frames: [], challenge: 'turn_left', reference, threshold, pose }),
    ).toMatchObject({
      passed: false,
      similarity: null,
    });
  });

  it('fails when another person turns their head after the borrower looked at the camera (FACE_INCONSISTENT)', () => {
    const frames = [frame(face({ yaw: 0 })), frame(face({ yaw: 3 })), frame(face({ person: 1, yaw: 30 }))];
    const r = judgeFaceVerification({ frames, challenge: 'turn_left', reference, threshold, pose });
    expect(r.failures).toEqual(['FACE_INCONSISTENT']);
    expect(r.frames[2]!.similarityToFrontal).toBeLessThan(0.1);
  });

  it('fails a replayed still picture: every frame has the same pose (LIVENESS_CHALLENGE_NOT_MET)', () => {
    for (const yaw of [0, 25, -25]) {
      const still = Array.from({ length: 8 }, () => frame(face({ yaw })));
      const r = judgeFaceVerification({ frames: still, challenge: 'turn_left', reference, threshold, pose });
      expect(r.failures).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
    }
  });

  it('fails a turn the wrong way, a turn too small, a turn without a frontal view first, and a turn both ways', () => {
    const judge = (yaws: number[], challenge: 'turn_left' | 'turn_right') =>
      judgeFaceVerification({
        frames: yaws.map((yaw) => frame(face({ yaw }))),
        challenge,
        reference,
        threshold,
        pose,
      }).failures;
    expect(judge([0, 2, 12, 25, 34], 'turn_right')).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
    expect(judge([0, 5, 12, 15, 18], 'turn_left')).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
    expect(judge([34, 30, 25, 12, 2], 'turn_left')).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
    expect(judge([0, 30, 0, -30, 0], 'turn_left')).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
    expect(judge([0, 30, 0, -30, 0], 'turn_right')).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
  });

  it('fails when the frontal face is not the reference person (FACE_MISMATCH) or the reference has no face', () => {
    const r = judgeFaceVerification({
      frames: turningLeft,
      challenge: 'turn_left',
      reference: embedding(2),
      threshold,
      pose,
    });
    expect(r.failures).toEqual(['FACE_MISMATCH']);
    expect(r.similarity).toBeLessThan(0.6);
    const noRef = judgeFaceVerification({
      frames: turningLeft,
      challenge: 'turn_left',
      reference: undefined,
      threshold,
      pose,
    });
    expect(noRef.failures).toEqual(['REFERENCE_FACE_NONE']);
    expect(noRef.similarity).toBeNull();
  });

  it('compares the most frontal frame with the reference', () => {
    // Frame 2 (yaw 1) is another person: it becomes the anchor, so the match fails and so does consistency.
    const frames = [frame(face({ yaw: 8 })), frame(face({ person: 3, yaw: 1 })), frame(face({ yaw: 30 }))];
    const r = judgeFaceVerification({ frames, challenge: 'turn_left', reference, threshold, pose });
    expect(r.failures).toEqual(['FACE_INCONSISTENT', 'FACE_MISMATCH']);
  });

  it('lists every failure once, in check order', () => {
    const frames = [frame(), frame(face(), face({ person: 1 })), frame(face({ person: 2 })), frame(face())];
    const r = judgeFaceVerification({
      frames,
      challenge: 'turn_right',
      reference: embedding(4),
      threshold,
      pose,
    });
    expect(r.failures).toEqual([
      'FACE_NONE',
      'FACE_SEVERAL',
      'FACE_INCONSISTENT',
      'LIVENESS_CHALLENGE_NOT_MET',
      'FACE_MISMATCH',
    ]);
    expect(r.passed).toBe(false);
  });
});

describe('isChallengeMet', () => {
  it('uses livenessPose by default', () => {
    const { frontalYaw, turnedYaw } = livenessPose;
    expect(isChallengeMet({ yaws: [frontalYaw, turnedYaw], challenge: 'turn_left' })).toBe(true);
    expect(isChallengeMet({ yaws: [-frontalYaw, -turnedYaw], challenge: 'turn_right' })).toBe(true);
    expect(isChallengeMet({ yaws: [0, turnedYaw - 0.5], challenge: 'turn_left' })).toBe(false);
    expect(isChallengeMet({ yaws: [frontalYaw + 0.5, turnedYaw], challenge: 'turn_left' })).toBe(false);
    expect(isChallengeMet({ yaws: [0, turnedYaw, -turnedYaw], challenge: 'turn_left' })).toBe(false);
  });

  it('ignores frames without a single face and needs frontal before turned', () => {
    expect(isChallengeMet({ yaws: [null, 1, null, 22], challenge: 'turn_left', ...pose })).toBe(true);
    expect(isChallengeMet({ yaws: [null, 1, null, -22], challenge: 'turn_right', ...pose })).toBe(true);
    expect(isChallengeMet({ yaws: [22, null, 1], challenge: 'turn_left', ...pose })).toBe(false);
    expect(isChallengeMet({ yaws: [], challenge: 'turn_left', ...pose })).toBe(false);
  });
});

describe('face matching', () => {
  it('computes cosine similarity and decides at the threshold inclusively', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 1], [2, 2])).toBeCloseTo(1);
    expect(cosineSimilarity([1, 0], [-3, 0])).toBeCloseTo(-1);
    expect(() => cosineSimilarity([1, 0], [1, 0, 0])).toThrow(/length/);
    expect(() => cosineSimilarity([0, 0], [1, 0])).toThrow(/zeros/);
    expect(isSamePerson({ similarity: 0.6, threshold: 0.6 })).toBe(true);
    expect(isSamePerson({ similarity: 0.5999, threshold: 0.6 })).toBe(false);
  });

  it('chooses the most accurate threshold that keeps FAR within the limit', () => {
    const pairs = [
      { similarity: 0.9, isSame: true },
      { similarity: 0.7, isSame: true },
      { similarity: 0.5, isSame: true },
      { similarity: 0.55, isSame: false },
      { similarity: 0.3, isSame: false },
      { similarity: 0.2, isSame: false },
    ];
    // Unconstrained, 0.5 would be as good as 0.7 (5/6) — but it accepts one impostor (FAR 1/3).
    expect(chooseThreshold({ pairs, maxFar: 0 })).toEqual({
      threshold: 0.7,
      accuracy: 5 / 6,
      far: 0,
      frr: 1 / 3,
    });
    expect(chooseThreshold({ pairs, maxFar: 0.5 })).toMatchObject({ threshold: 0.7, accuracy: 5 / 6 });
    expect(chooseThreshold({ pairs: pairs.slice(0, 2).concat(pairs.slice(4)), maxFar: 0 })).toMatchObject({
      accuracy: 1,
      far: 0,
      frr: 0,
    });
  });
});

describe('framesToDescribe and frames without embeddings', () => {
  const bare = (yaw: number): FaceAnalysis => {
    const { embedding: _, ...rest } = face({ yaw });
    return frame(rest);
  };

  it('names the most frontal frame and the frontal-then-turned pair that shows the challenge', () => {
    const frames = [5, 2, 8, 25, 34, 1].map(bare);
    expect(challengeWitnesses({ yaws: [5, 2, 8, 25, 34, 1], challenge: 'turn_left', ...pose })).toEqual({
      frontal: 2,
      turned: 3,
    });
    expect(framesToDescribe({ frames, challenge: 'turn_left', pose })).toEqual([2, 3, 5]);
    expect(framesToDescribe({ frames: [frame(), frame()], challenge: 'turn_left', pose })).toEqual([]);
  });

  it('judges with only those frames described, and fails when one of them is not', () => {
    const yaws = [5, 2, 8, 25, 34, 1];
    const described = yaws.map((yaw, i) => ([2, 3, 5].includes(i) ? frame(face({ yaw })) : bare(yaw)));
    const r = judgeFaceVerification({
      frames: described,
      challenge: 'turn_left',
      reference,
      threshold,
      pose,
    });
    expect(r.failures).toEqual([]);
    expect(r.frames.map((f) => f.similarityToFrontal === null)).toEqual([
      true,
      true,
      false,
      false,
      true,
      false,
    ]);
    const turnedBare = described.map((f, i) => (i === 3 ? bare(25) : f));
    expect(
      judgeFaceVerification({ frames: turnedBare, challenge: 'turn_left', reference, threshold, pose })
        .failures,
    ).toEqual(['FACE_INCONSISTENT']);
  });
});
