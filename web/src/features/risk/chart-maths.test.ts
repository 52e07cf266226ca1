import { describe, expect, it } from 'vitest';
import { binOf, ksPoint } from './chart-maths';

describe('chart maths', () => {
  it('finds the bin of a score, the last bin holding its upper edge', () => {
    const edges = [300, 400, 500, 600];
    expect(binOf(edges, 250)).toBe(0);
    expect(binOf(edges, 300)).toBe(0);
    expect(binOf(edges, 450)).toBe(1);
    expect(binOf(edges, 500)).toBe(2);
    expect(binOf(edges, 600)).toBe(2);
    expect(binOf(edges, 700)).toBe(2);
  });

  it('finds where the cumulative bad and good shares are furthest apart', () => {
    const ks = [
      { score: 400, cumulativeBad: 0.2, cumulativeGood: 0.05 },
      { score: 500, cumulativeBad: 0.7, cumulativeGood: 0.3 },
      { score: 600, cumulativeBad: 1, cumulativeGood: 1 },
    ];
    expect(ksPoint(ks)?.score).toBe(500);
    expect(ksPoint([])).toBeUndefined();
  });
});
