import { describe, expect, it } from 'vitest';
import { ageBand, fairnessByGroup, histogramCounts, populationStabilityIndex } from './fairness';

describe('fairnessByGroup', () => {
  it('computes approval rate, TPR, disparate impact and EOD against the most approved group', () => {
    const rows = [
      // group a: 4 rows, 3 approved; goods: 3 (2 approved) → TPR 2/3
      { group: 'a', approved: true, good: true },
      { group: 'a', approved: true, good: true },
      { group: 'a', approved: true, good: false },
      { group: 'a', approved: false, good: true },
      // group b: 2 rows, 1 approved; goods: 2 (1 approved) → TPR 1/2
      { group: 'b', approved: true, good: true },
      { group: 'b', approved: false, good: true },
      // group c: 1 row, no known good → TPR null
      { group: 'c', approved: false, good: null },
    ];
    const out = fairnessByGroup({ rows });
    expect(out.map((g) => g.group)).toEqual(['a', 'b', 'c']);
    const [a, b, c] = out;
    expect(a!.n).toBe(4);
    expect(a!.approvalRate).toBeCloseTo(0.75, 12);
    expect(a!.truePositiveRate).toBeCloseTo(2 / 3, 12);
    expect(a!.disparateImpact).toBeCloseTo(1, 12);
    expect(a!.equalOpportunityDifference).toBeCloseTo(0, 12);
    expect(b!.approvalRate).toBeCloseTo(0.5, 12);
    expect(b!.disparateImpact).toBeCloseTo(0.5 / 0.75, 12);
    expect(b!.equalOpportunityDifference).toBeCloseTo(0.5 - 2 / 3, 12);
    expect(c!.truePositiveRate).toBeNull();
    expect(c!.equalOpportunityDifference).toBeNull();
    expect(c!.disparateImpact).toBe(0);
  });

  it('returns nothing for no rows', () => {
    expect(fairnessByGroup({ rows: [] })).toEqual([]);
  });
});

describe('ageBand', () => {
  it('bands ages at 25/35/45/55', () => {
    expect([18, 25, 26, 35, 36, 45, 46, 55, 56, 79].map(ageBand)).toEqual([
      '18-25',
      '18-25',
      '26-35',
      '26-35',
      '36-45',
      '36-45',
      '46-55',
      '46-55',
      '56+',
      '56+',
    ]);
  });
});

describe('populationStabilityIndex', () => {
  it('is 0 for the same distribution and matches a hand computation', () => {
    expect(populationStabilityIndex({ expected: [10, 20, 70], actual: [1, 2, 7] })).toBeCloseTo(0, 12);
    // shares e = [0.5, 0.5], a = [0.25, 0.75]
    const want = (0.25 - 0.5) * Math.log(0.25 / 0.5) + (0.75 - 0.5) * Math.log(0.75 / 0.5);
    expect(populationStabilityIndex({ expected: [50, 50], actual: [25, 75] })).toBeCloseTo(want, 12);
  });

  it('floors empty bins at 1e-4', () => {
    const want = (1e-4 - 0.5) * Math.log(1e-4 / 0.5) + (1 - 0.5) * Math.log(1 / 0.5);
    expect(populationStabilityIndex({ expected: [5, 5], actual: [0, 10] })).toBeCloseTo(want, 12);
  });
});

describe('histogramCounts', () => {
  it('counts into [edge, next edge) with the ends clamped', () => {
    const edges = [500, 550, 600, 650];
    expect(histogramCounts({ edges, scores: [400, 500, 549.9, 550, 600, 649, 650, 900] })).toEqual([3, 1, 4]);
  });
});
