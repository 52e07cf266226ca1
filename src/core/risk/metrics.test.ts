import { describe, expect, it } from 'vitest';
import { areaUnderRoc, binaryMetrics, kolmogorovSmirnov, ksCurve, rocCurve, scoreHistogram } from './metrics';

describe('areaUnderRoc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties', () => {
    const bad = [0, 0, 0, 1, 1];
    expect(areaUnderRoc({ risk: [1, 2, 3, 4, 5], bad })).toBe(1);
    expect(areaUnderRoc({ risk: [5, 4, 3, 2, 1], bad })).toBe(0);
    expect(areaUnderRoc({ risk: [1, 1, 1, 1, 1], bad })).toBe(0.5);
  });

  it('counts pairs by hand, ties as one half', () => {
    // bads at risk 3 and 2; goods at 1, 2, 4. Pairs (bad > good): 3>1, 3>2, 2>1 → 3; tie 2=2 → 0.5; of 6.
    expect(areaUnderRoc({ risk: [3, 2, 1, 2, 4], bad: [1, 1, 0, 0, 0] })).toBeCloseTo(3.5 / 6, 12);
  });
});

describe('kolmogorovSmirnov', () => {
  it('is the largest gap between cumulative bad and good shares', () => {
    // riskiest first: 4(g) 3(b) 2(b|g) 1(g). cum bad: 0, .5, 1, 1; cum good: 1/3, 1/3, 2/3, 1 → max gap 1/3
    expect(kolmogorovSmirnov({ risk: [3, 2, 1, 2, 4], bad: [1, 1, 0, 0, 0] })).toBeCloseTo(1 / 3, 12);
    expect(kolmogorovSmirnov({ risk: [1, 2, 3, 4], bad: [0, 0, 1, 1] })).toBe(1);
  });

  it('gives Gini = 2·AUC − 1', () => {
    const m = binaryMetrics({ risk: [3, 2, 1, 2, 4], bad: [1, 1, 0, 0, 0] });
    expect(m.gini).toBeCloseTo(2 * m.auc - 1, 12);
    expect(m.n).toBe(5);
  });
});

describe('curves and histogram', () => {
  it('thins the ROC to at most the points asked, from (0,0) to (1,1)', () => {
    const risk = Array.from({ length: 1000 }, (_, i) => i);
    const bad = risk.map((i) => (i % 3 === 0 ? 1 : 0));
    const roc = rocCurve({ risk, bad, points: 101 });
    expect(roc.length).toBeLessThanOrEqual(101);
    expect(roc[0]).toEqual({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toEqual({ fpr: 1, tpr: 1 });
  });

  it('builds the KS chart by ascending score and a histogram on aligned edges', () => {
    const ks = ksCurve({ scores: [500, 520, 540, 560], bad: [1, 1, 0, 0] });
    expect(ks.map((p) => p.score)).toEqual([500, 520, 540, 560]);
    expect(ks[1]).toEqual({ score: 520, cumulativeBad: 1, cumulativeGood: 0 });
    const h = scoreHistogram({ scores: [505, 519, 520, 561], width: 20 });
    expect(h.edges).toEqual([500, 520, 540, 560, 580]);
    expect(h.counts).toEqual([2, 1, 0, 1]);
  });
});
