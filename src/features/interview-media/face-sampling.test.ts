import { describe, expect, it } from 'vitest';
import { detectNod, flagSample } from './face-sampling';

describe('flagSample', () => {
  const threshold = 0.613;
  it('flags no face, a second face and a mismatch', () => {
    expect(flagSample({ faceCount: 0, matchScore: null, threshold })).toEqual(['no_face']);
    expect(flagSample({ faceCount: 2, matchScore: null, threshold })).toEqual(['second_face']);
    expect(flagSample({ faceCount: 1, matchScore: 0.4, threshold })).toEqual(['mismatch']);
    expect(flagSample({ faceCount: 2, matchScore: 0.2, threshold })).toEqual(['second_face', 'mismatch']);
  });
  it('raises nothing for one matching face, at the threshold, or without a reference', () => {
    expect(flagSample({ faceCount: 1, matchScore: 0.8, threshold })).toEqual([]);
    expect(flagSample({ faceCount: 1, matchScore: threshold, threshold })).toEqual([]);
    expect(flagSample({ faceCount: 1, matchScore: null, threshold })).toEqual([]);
  });
});

describe('detectNod', () => {
  const series = (pitches: number[], stepMs = 500) =>
    pitches.map((pitch, i) => ({ atMs: i * stepMs, pitch }));
  it('finds a head going down and up again within 2 s', () => {
    expect(detectNod({ poses: series([2, 3, 15, 4]) })).toBe(1000);
    expect(detectNod({ poses: series([0, -12, 1]) })).toBe(500);
  });
  it('ignores a slow move, a move that does not come back, and small jitter', () => {
    expect(detectNod({ poses: series([0, 14, 0], 1500) })).toBeUndefined();
    expect(detectNod({ poses: series([0, 5, 12, 14, 15]) })).toBeUndefined();
    expect(detectNod({ poses: series([0, 4, -3, 5, 0]) })).toBeUndefined();
    expect(detectNod({ poses: [] })).toBeUndefined();
  });
});
