/**
 * Fairness and stability measures for risk models (公平性与稳定性), pure. The protected attributes
 * (sex, age …) are read here only to measure outcomes by group — never as model inputs.
 */

export interface FairnessRow {
  group: string;
  approved: boolean;
  /** Whether the applicant turned out a good payer; null when the outcome is unknown. */
  good: boolean | null;
}

export interface FairnessGroup {
  group: string;
  n: number;
  approvalRate: number;
  /** Approved among the group's good payers; null when the group has no known good payer. */
  truePositiveRate: number | null;
  disparateImpact: number;
  equalOpportunityDifference: number | null;
}

/**
 * Approval rate, true-positive rate, disparate impact and equal-opportunity difference by group.
 * Disparate impact = group approval rate / the highest group approval rate; EOD = group TPR (approved
 * among good) − the reference group's TPR (the group with the highest approval rate; ties: the first
 * such group in order of appearance). Groups with n = 0 are omitted; groups come in order of first
 * appearance.
 */
export function fairnessByGroup({ rows }: { rows: readonly FairnessRow[] }): FairnessGroup[] {
  const stats = new Map<string, { n: number; approved: number; good: number; goodApproved: number }>();
  for (const r of rows) {
    let s = stats.get(r.group);
    if (!s) {
      s = { n: 0, approved: 0, good: 0, goodApproved: 0 };
      stats.set(r.group, s);
    }
    s.n++;
    if (r.approved) s.approved++;
    if (r.good === true) {
      s.good++;
      if (r.approved) s.goodApproved++;
    }
  }
  const base = [...stats].map(([group, s]) => ({
    group,
    n: s.n,
    approvalRate: s.approved / s.n,
    truePositiveRate: s.good > 0 ? s.goodApproved / s.good : null,
  }));
  if (base.length === 0) return [];
  let reference = base[0]!;
  for (const g of base) if (g.approvalRate > reference.approvalRate) reference = g;
  const top = reference.approvalRate;
  return base.map((g) => ({
    ...g,
    // With nobody approved anywhere every group is treated alike: impact 1.
    disparateImpact: top > 0 ? g.approvalRate / top : 1,
    equalOpportunityDifference:
      g.truePositiveRate === null || reference.truePositiveRate === null
        ? null
        : g.truePositiveRate - reference.truePositiveRate,
  }));
}

/** The age band of an age in years: '18-25' | '26-35' | '36-45' | '46-55' | '56+' (under 18 → '18-25'). */
export function ageBand(age: number): string {
  if (age <= 25) return '18-25';
  if (age <= 35) return '26-35';
  if (age <= 45) return '36-45';
  if (age <= 55) return '46-55';
  return '56+';
}

/**
 * Population stability index between an expected and an actual distribution given as counts per bin:
 * PSI = Σ (a − e)·ln(a / e) over the bins' shares, with shares floored at 1e-4 so empty bins count.
 * Rule of thumb: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted.
 */
export function populationStabilityIndex({
  expected,
  actual,
  floor = 1e-4,
}: {
  expected: readonly number[];
  actual: readonly number[];
  floor?: number;
}): number {
  if (expected.length !== actual.length) throw new RangeError('expected and actual need the same bins');
  const te = expected.reduce((a, b) => a + b, 0);
  const ta = actual.reduce((a, b) => a + b, 0);
  if (te <= 0 || ta <= 0) return 0;
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i]! / te, floor);
    const a = Math.max(actual[i]! / ta, floor);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/**
 * Counts of scores in a histogram's bins. `edges` are ascending, n edges make n − 1 bins
 * [edges[i], edges[i+1]); scores below the first edge count in the first bin, at or above the last
 * edge in the last bin. With fewer than two edges everything falls in one bin.
 */
export function histogramCounts({
  edges,
  scores,
}: {
  edges: readonly number[];
  scores: readonly number[];
}): number[] {
  const bins = Math.max(1, edges.length - 1);
  const counts = new Array<number>(bins).fill(0);
  for (const s of scores) {
    // Binary search for the last edge ≤ s among edges[0 .. bins-1].
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (edges[mid]! <= s) lo = mid;
      else hi = mid - 1;
    }
    counts[lo]!++;
  }
  return counts;
}
