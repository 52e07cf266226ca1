import { describe, expect, it } from 'vitest';
import { binCategorical, binLookup, binNumeric, weightOfEvidence } from './binning';
import { mulberry32 } from './stratified-split';

/** n rows with x uniform on [0, 100) and P(bad) = badRate(x). */
function synthetic(n: number, badRate: (x: number) => number, seed = 7) {
  const random = mulberry32(seed);
  const values = new Float64Array(n);
  const bad = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    values[i] = Math.floor(random() * 1000) / 10;
    bad[i] = random() < badRate(values[i]!) ? 1 : 0;
  }
  return { values, bad };
}

function rates(result: ReturnType<typeof binNumeric>): number[] {
  return result.bins.filter((b) => b.condition.kind === 'range').map((b) => b.bad / (b.good + b.bad));
}

describe('weightOfEvidence', () => {
  it('matches a hand computation without smoothing', () => {
    // goods 60/40 of 100, bads 10/30 of 40: shares g = .6/.4, b = .25/.75
    const { woe, informationValue } = weightOfEvidence({ good: [60, 40], bad: [10, 30], smoothing: 0 });
    expect(woe[0]).toBeCloseTo(Math.log(0.6 / 0.25), 12);
    expect(woe[1]).toBeCloseTo(Math.log(0.4 / 0.75), 12);
    const iv = (0.6 - 0.25) * Math.log(0.6 / 0.25) + (0.4 - 0.75) * Math.log(0.4 / 0.75);
    expect(informationValue).toBeCloseTo(iv, 12);
  });

  it('smooths empty cells instead of dividing by zero', () => {
    const { woe } = weightOfEvidence({ good: [10, 0], bad: [0, 10], smoothing: 0.5 });
    // g = (10.5/11, 0.5/11), b = (0.5/11, 10.5/11)
    expect(woe[0]).toBeCloseTo(Math.log(10.5 / 0.5), 12);
    expect(woe[1]).toBeCloseTo(Math.log(0.5 / 10.5), 12);
  });
});

describe('binNumeric', () => {
  it('finds an increasing trend, with monotonic bad rates and every bin ≥ the minimum share', () => {
    const { values, bad } = synthetic(20_000, (x) => 0.05 + 0.004 * x);
    const result = binNumeric({ values, bad, minBinShare: 0.05 });
    expect(result.trend).toBe('increasing');
    const r = rates(result);
    expect(r.length).toBeGreaterThan(2);
    for (let i = 1; i < r.length; i++) expect(r[i]!).toBeGreaterThanOrEqual(r[i - 1]!);
    for (const b of result.bins) expect(b.good + b.bad).toBeGreaterThanOrEqual(0.05 * 20_000);
    // WOE falls as the bad rate rises
    const woes = result.bins.map((b) => b.woe);
    for (let i = 1; i < woes.length; i++) expect(woes[i]!).toBeLessThan(woes[i - 1]!);
    // ranges tile the line
    const ranges = result.bins.map((b) => b.condition).filter((c) => c.kind === 'range');
    expect(ranges[0]!.lower).toBeNull();
    expect(ranges.at(-1)!.upper).toBeNull();
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.lower).toBe(ranges[i - 1]!.upper);
  });

  it('finds a decreasing trend', () => {
    const { values, bad } = synthetic(20_000, (x) => 0.45 - 0.004 * x);
    const result = binNumeric({ values, bad });
    expect(result.trend).toBe('decreasing');
    const r = rates(result);
    for (let i = 1; i < r.length; i++) expect(r[i]!).toBeLessThanOrEqual(r[i - 1]!);
  });

  it('keeps a clearly better non-monotonic (U-shaped) binning and says so', () => {
    const { values, bad } = synthetic(20_000, (x) => (x < 30 || x >= 70 ? 0.4 : 0.05));
    const result = binNumeric({ values, bad });
    expect(result.trend).toBe('none');
    expect(result.note).toMatch(/non-monotonic/);
  });

  it('merges a sparse extreme value into its neighbour and adds a missing bin only when values are missing', () => {
    const { values, bad } = synthetic(10_000, (x) => 0.1 + 0.003 * x);
    const withOutlier = Float64Array.from(values);
    for (let i = 0; i < 50; i++) withOutlier[i] = 1e9; // 0.5% of rows: too few for a bin
    const result = binNumeric({ values: withOutlier, bad, minBinShare: 0.05 });
    for (const b of result.bins) expect(b.good + b.bad).toBeGreaterThanOrEqual(500);
    expect(result.bins.some((b) => b.condition.kind === 'missing')).toBe(false);

    const withMissing = Float64Array.from(values);
    for (let i = 0; i < 300; i++) withMissing[i] = NaN;
    const m = binNumeric({ values: withMissing, bad });
    const missing = m.bins.filter((b) => b.condition.kind === 'missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.good + missing[0]!.bad).toBe(300);
    const lookup = binLookup(m);
    expect(m.bins[lookup(NaN)]!.condition.kind).toBe('missing');
    expect(m.bins[lookup(-5)]!.condition).toMatchObject({ kind: 'range', lower: null });
  });
});

describe('binCategorical', () => {
  it('groups categories by bad rate, merges sparse ones, sends unseen values to the missing bin', () => {
    const values: string[] = [];
    const bad: number[] = [];
    const push = (v: string, n: number, nBad: number) => {
      for (let i = 0; i < n; i++) {
        values.push(v);
        bad.push(i < nBad ? 1 : 0);
      }
    };
    push('A', 400, 40); // 10%
    push('B', 400, 44); // 11%: not significantly different from A
    push('C', 400, 160); // 40%
    push('D', 10, 5); // 1%: sparse
    const result = binCategorical({ values, bad, minBinShare: 0.05 });
    const groups = result.bins.filter((b) => b.condition.kind === 'categories');
    const groupOf = (v: string) =>
      groups.findIndex((b) => b.condition.kind === 'categories' && b.condition.values.includes(v));
    expect(groupOf('A')).toBe(groupOf('B'));
    expect(groupOf('C')).not.toBe(groupOf('A'));
    expect(groupOf('D')).toBeGreaterThanOrEqual(0);
    for (const g of groups) expect(g.good + g.bad).toBeGreaterThanOrEqual(0.05 * values.length);
    const lookup = binLookup(result);
    const missingIndex = result.bins.findIndex((b) => b.condition.kind === 'missing');
    expect(missingIndex).toBeGreaterThanOrEqual(0);
    expect(lookup('never seen')).toBe(missingIndex);
    expect(lookup(null)).toBe(missingIndex);
    // no missing values in training: the missing bin carries the riskiest group's WOE (C's, 40% bad)
    expect(result.bins[missingIndex]!.woe).toBe(Math.min(...groups.map((g) => g.woe)));
    expect(result.bins[missingIndex]!.woe).toBe(groups[groupOf('C')]!.woe);
  });
});
