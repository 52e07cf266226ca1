import { describe, expect, it } from 'vitest';
import { mulberry32, stratifiedHoldout, stratifiedKFold } from './stratified-split';

const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0)); // 20% bad

describe('stratifiedHoldout', () => {
  it('keeps the bad share in both parts, covers every row once and depends on the seed', () => {
    const { train, test } = stratifiedHoldout({ labels, testShare: 0.3, seed: 42 });
    expect(train.length + test.length).toBe(1000);
    expect(new Set([...train, ...test]).size).toBe(1000);
    expect(test.length).toBe(300);
    expect([...test].filter((i) => labels[i] === 1).length).toBe(60);
    expect([...train].filter((i) => labels[i] === 1).length).toBe(140);
    expect(stratifiedHoldout({ labels, testShare: 0.3, seed: 42 }).test).toEqual(test);
    expect(stratifiedHoldout({ labels, testShare: 0.3, seed: 43 }).test).not.toEqual(test);
  });
});

describe('stratifiedKFold', () => {
  it('gives every fold the same number of bads and goods (±1)', () => {
    const fold = stratifiedKFold({ labels, folds: 5, seed: 1 });
    for (let f = 0; f < 5; f++) {
      const rows = [...fold.keys()].filter((i) => fold[i] === f);
      expect(rows.length).toBe(200);
      expect(rows.filter((i) => labels[i] === 1).length).toBe(40);
    }
  });
});

describe('mulberry32', () => {
  it('is deterministic and in [0, 1)', () => {
    const a = mulberry32(9);
    const b = mulberry32(9);
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
