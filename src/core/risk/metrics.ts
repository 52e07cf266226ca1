import type { BinaryMetrics } from './scorecard-model';

/**
 * Discrimination measures for a binary outcome. `risk` is higher for applicants more likely to be
 * bad (a PD, or a score negated); `bad` is 1 for bad, 0 for good.
 */
export interface RiskInput {
  risk: ArrayLike<number>;
  bad: ArrayLike<number>;
}

function sortedOrder(risk: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(risk.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => risk[a]! - risk[b]!);
}

/**
 * Area under the ROC curve by ranks (Mann–Whitney U): the probability that a random bad has a higher
 * risk than a random good, ties counting one half. NaN when either class is absent.
 */
export function areaUnderRoc({ risk, bad }: RiskInput): number {
  const order = sortedOrder(risk);
  const n = order.length;
  let rankSumBad = 0;
  let nBad = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && risk[order[j + 1]!] === risk[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (bad[order[k]!] === 1) {
        rankSumBad += avgRank;
        nBad++;
      }
    }
    i = j + 1;
  }
  const nGood = n - nBad;
  if (nBad === 0 || nGood === 0) return NaN;
  return (rankSumBad - (nBad * (nBad + 1)) / 2) / (nBad * nGood);
}

/** Cumulative shares of bads and goods at each distinct risk, from the riskiest down. */
function cumulative({ risk, bad }: RiskInput): { threshold: number; bad: number; good: number }[] {
  const order = sortedOrder(risk).reverse();
  let nBad = 0;
  for (let i = 0; i < bad.length; i++) nBad += bad[i] === 1 ? 1 : 0;
  const nGood = bad.length - nBad;
  const out = [{ threshold: Infinity, bad: 0, good: 0 }];
  let b = 0;
  let g = 0;
  for (let i = 0; i < order.length;) {
    const t = risk[order[i]!]!;
    while (i < order.length && risk[order[i]!] === t) {
      if (bad[order[i]!] === 1) b++;
      else g++;
      i++;
    }
    out.push({ threshold: t, bad: nBad ? b / nBad : 0, good: nGood ? g / nGood : 0 });
  }
  return out;
}

/** Kolmogorov–Smirnov statistic: the largest gap between the cumulative bad and good shares. */
export function kolmogorovSmirnov(input: RiskInput): number {
  let ks = 0;
  for (const p of cumulative(input)) ks = Math.max(ks, Math.abs(p.bad - p.good));
  return ks;
}

/** n, AUC, KS and Gini (= 2·AUC − 1). */
export function binaryMetrics(input: RiskInput): BinaryMetrics {
  const auc = areaUnderRoc(input);
  return { n: input.risk.length, auc, ks: kolmogorovSmirnov(input), gini: 2 * auc - 1 };
}

/** Picks about `points` evenly spaced entries of a list, always keeping the first and last. */
function thin<T>(list: T[], points: number): T[] {
  if (list.length <= points) return list;
  const out: T[] = [];
  const step = (list.length - 1) / (points - 1);
  for (let k = 0; k < points; k++) out.push(list[Math.round(k * step)]!);
  return out;
}

/** ROC curve (false- and true-positive rate as the cutoff moves down the risk), at most `points` points. */
export function rocCurve({
  points = 101,
  ...input
}: RiskInput & { points?: number }): { fpr: number; tpr: number }[] {
  return thin(
    cumulative(input).map((p) => ({ fpr: round4(p.good), tpr: round4(p.bad) })),
    points,
  );
}

/**
 * The KS chart for scores (higher score = better): cumulative bad and good shares at or below each
 * score, at most `points` points.
 */
export function ksCurve({
  scores,
  bad,
  points = 101,
}: {
  scores: ArrayLike<number>;
  bad: ArrayLike<number>;
  points?: number;
}): { score: number; cumulativeBad: number; cumulativeGood: number }[] {
  const risk = Float64Array.from(scores as ArrayLike<number>, (s) => -s);
  return thin(
    cumulative({ risk, bad })
      .slice(1)
      .map((p) => ({ score: -p.threshold, cumulativeBad: round4(p.bad), cumulativeGood: round4(p.good) })),
    points,
  );
}

/**
 * A histogram of scores on `width`-point bins, edges aligned to multiples of the width from the
 * lowest to just above the highest score.
 */
export function scoreHistogram({ scores, width = 20 }: { scores: ArrayLike<number>; width?: number }): {
  edges: number[];
  counts: number[];
} {
  if (scores.length === 0) return { edges: [], counts: [] };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    lo = Math.min(lo, scores[i]!);
    hi = Math.max(hi, scores[i]!);
  }
  const first = Math.floor(lo / width) * width;
  const last = Math.floor(hi / width) * width + width;
  const edges: number[] = [];
  for (let e = first; e <= last; e += width) edges.push(e);
  const counts = new Array<number>(edges.length - 1).fill(0);
  for (let i = 0; i < scores.length; i++)
    counts[Math.min(counts.length - 1, Math.floor((scores[i]! - first) / width))]!++;
  return { edges, counts };
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
