import type { BinCondition } from './scorecard-model';

/**
 * Optimal binning (分箱) of one characteristic against a good/bad outcome, with weights of evidence
 * (WOE = ln(%good / %bad)) and information value (IV = Σ (%good − %bad)·WOE).
 *
 * Numeric characteristics start from fine quantile bins, merge bins below the minimum share into the
 * neighbour with the closer bad rate, then merge adjacent bins until the bad rate is monotonic
 * (increasing or decreasing, whichever keeps more IV). A non-monotonic binning is kept only when its
 * IV beats the best monotonic one by `nonMonotonicGain` (default 15%) after adjacent bins whose bad
 * rates do not differ significantly (χ² < 3.84, p ≥ 0.05) are merged; the result says which trend won.
 * Categorical characteristics sort categories by bad rate and merge sparse groups into the neighbour
 * with the closer bad rate, then merge insignificant neighbours the same way.
 * Missing values get a bin of their own when they occur. For categorical characteristics there is
 * always a missing bin: it also takes values never seen in training, and when no value was missing
 * in training it carries the WOE of the riskiest group (conservative: an unseen value earns no
 * benefit of the doubt, so a worse record that forms an unseen combination never scores better).
 */

export interface BinningOptions {
  /** Quantile bins numeric characteristics start from; default 20. */
  fineBins?: number;
  /** Smallest share of all rows a bin may hold (missing bin excepted); default 0.05. */
  minBinShare?: number;
  /** Added to each bin's good and bad counts in WOE and IV; default 0.5. */
  smoothing?: number;
  /** Relative IV gain a non-monotonic binning needs over the best monotonic one; default 0.15. */
  nonMonotonicGain?: number;
  /** Most bins (besides the missing bin); default 10. */
  maxBins?: number;
  /**
   * Adjacent bins of a non-monotonic or categorical binning whose bad rates differ with a χ² below
   * this are merged; default 3.84 (p = 0.05).
   */
  mergeChiSquare?: number;
}

export type BinTrend = 'increasing' | 'decreasing' | 'none' | 'categorical';

export interface FittedBin {
  condition: BinCondition;
  label: string;
  good: number;
  bad: number;
  woe: number;
}

export interface BinningResult {
  type: 'numeric' | 'categorical';
  bins: FittedBin[];
  informationValue: number;
  /** The bad-rate trend over the numeric bins (increasing = bad rate rises with the value). */
  trend: BinTrend;
  note?: string;
}

interface Group {
  lower: number; // numeric: lower bound (−∞ first)
  upper: number;
  categories: string[];
  good: number;
  bad: number;
}

/**
 * WOE per bin and the IV from good and bad counts: WOE_i = ln(((g_i + s)/(G + s·k)) / ((b_i + s)/(B + s·k)))
 * with smoothing s, IV = Σ (pg_i − pb_i)·WOE_i on the same shares.
 */
export function weightOfEvidence({
  good,
  bad,
  smoothing = 0.5,
}: {
  good: readonly number[];
  bad: readonly number[];
  smoothing?: number;
}): { woe: number[]; informationValue: number } {
  const k = good.length;
  const G = good.reduce((a, b) => a + b, 0) + smoothing * k;
  const B = bad.reduce((a, b) => a + b, 0) + smoothing * k;
  let iv = 0;
  const woe = good.map((g, i) => {
    const pg = (g + smoothing) / G;
    const pb = (bad[i]! + smoothing) / B;
    const w = Math.log(pg / pb);
    iv += (pg - pb) * w;
    return w;
  });
  return { woe, informationValue: iv };
}

function rate(g: Group): number {
  return g.bad / Math.max(1, g.good + g.bad);
}

function merge(a: Group, b: Group): Group {
  return {
    lower: Math.min(a.lower, b.lower),
    upper: Math.max(a.upper, b.upper),
    categories: [...a.categories, ...b.categories],
    good: a.good + b.good,
    bad: a.bad + b.bad,
  };
}

/** χ² statistic of a 2×2 table (two bins × good/bad), 0 when degenerate. */
function chiSquare(a: Group, b: Group): number {
  const n = a.good + a.bad + b.good + b.bad;
  const na = a.good + a.bad;
  const nb = b.good + b.bad;
  const tg = a.good + b.good;
  const tb = a.bad + b.bad;
  if (na === 0 || nb === 0 || tg === 0 || tb === 0) return 0;
  const d = a.good * b.bad - a.bad * b.good;
  return (n * d * d) / (na * nb * tg * tb);
}

function mergeSparse(groups: Group[], minCount: number): Group[] {
  const gs = [...groups];
  for (;;) {
    if (gs.length <= 1) return gs;
    let smallest = -1;
    for (let i = 0; i < gs.length; i++) {
      const n = gs[i]!.good + gs[i]!.bad;
      if (n < minCount && (smallest < 0 || n < gs[smallest]!.good + gs[smallest]!.bad)) smallest = i;
    }
    if (smallest < 0) return gs;
    const r = rate(gs[smallest]!);
    const left = smallest > 0 ? Math.abs(rate(gs[smallest - 1]!) - r) : Infinity;
    const right = smallest < gs.length - 1 ? Math.abs(rate(gs[smallest + 1]!) - r) : Infinity;
    const j = left <= right ? smallest - 1 : smallest;
    gs.splice(j, 2, merge(gs[j]!, gs[j + 1]!));
  }
}

function mergeMonotonic(groups: Group[], increasing: boolean): Group[] {
  const gs = [...groups];
  for (let i = 0; i < gs.length - 1;) {
    const violates = increasing ? rate(gs[i]!) > rate(gs[i + 1]!) : rate(gs[i]!) < rate(gs[i + 1]!);
    if (violates) {
      gs.splice(i, 2, merge(gs[i]!, gs[i + 1]!));
      i = Math.max(0, i - 1);
    } else i++;
  }
  return gs;
}

/** Merges the adjacent pair with the smallest χ² while it is below `threshold` or there are too many bins. */
function chiMerge(groups: Group[], threshold: number, maxBins: number): Group[] {
  const gs = [...groups];
  while (gs.length > 1) {
    let best = -1;
    let bestChi = Infinity;
    for (let i = 0; i < gs.length - 1; i++) {
      const c = chiSquare(gs[i]!, gs[i + 1]!);
      if (c < bestChi) {
        bestChi = c;
        best = i;
      }
    }
    if (bestChi >= threshold && gs.length <= maxBins) break;
    gs.splice(best, 2, merge(gs[best]!, gs[best + 1]!));
  }
  return gs;
}

function ivOf(groups: Group[], smoothing: number): number {
  return weightOfEvidence({ good: groups.map((g) => g.good), bad: groups.map((g) => g.bad), smoothing })
    .informationValue;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

function rangeLabel(lower: number, upper: number): string {
  if (lower === -Infinity && upper === Infinity) return 'all';
  if (lower === -Infinity) return `< ${formatNumber(upper)}`;
  if (upper === Infinity) return `≥ ${formatNumber(lower)}`;
  return `[${formatNumber(lower)}, ${formatNumber(upper)})`;
}

function finish(
  type: 'numeric' | 'categorical',
  groups: Group[],
  missing: { good: number; bad: number } | null,
  smoothing: number,
  trend: BinTrend,
  note: string | undefined,
  alwaysMissingBin: boolean,
): BinningResult {
  const parts = missing && missing.good + missing.bad > 0 ? [...groups, { ...missing }] : groups;
  const { woe, informationValue } = weightOfEvidence({
    good: parts.map((g) => g.good),
    bad: parts.map((g) => g.bad),
    smoothing,
  });
  const bins: FittedBin[] = groups.map((g, i) => ({
    condition:
      type === 'numeric'
        ? {
            kind: 'range',
            lower: g.lower === -Infinity ? null : g.lower,
            upper: g.upper === Infinity ? null : g.upper,
          }
        : { kind: 'categories', values: [...g.categories].sort() },
    label: type === 'numeric' ? rangeLabel(g.lower, g.upper) : [...g.categories].sort().join(', '),
    good: g.good,
    bad: g.bad,
    woe: woe[i]!,
  }));
  if (parts.length > groups.length) {
    bins.push({
      condition: { kind: 'missing' },
      label: type === 'numeric' ? 'missing' : 'missing or unseen',
      good: missing!.good,
      bad: missing!.bad,
      woe: woe[groups.length]!,
    });
  } else if (alwaysMissingBin && bins.length > 0) {
    // The riskiest group's WOE: a value never seen earns no benefit of the doubt, and a worse record
    // that makes an unseen combination (a longer delay, say) can never score better for it.
    let riskiest = bins[0]!;
    for (const b of bins) if (b.woe < riskiest.woe) riskiest = b;
    bins.push({
      condition: { kind: 'missing' },
      label: `missing or unseen (as ${riskiest.label})`,
      good: 0,
      bad: 0,
      woe: riskiest.woe,
    });
  }
  return { type, bins, informationValue, trend, ...(note ? { note } : {}) };
}

function optionsWithDefaults(o: BinningOptions) {
  return {
    fineBins: o.fineBins ?? 20,
    minBinShare: o.minBinShare ?? 0.05,
    smoothing: o.smoothing ?? 0.5,
    nonMonotonicGain: o.nonMonotonicGain ?? 0.15,
    maxBins: o.maxBins ?? 10,
    mergeChiSquare: o.mergeChiSquare ?? 3.84,
  };
}

/** Bins a numeric characteristic (NaN = missing) over `rows` (default: all). `bad` is 1 for bad. */
export function binNumeric({
  values,
  bad,
  rows,
  ...options
}: {
  values: ArrayLike<number>;
  bad: ArrayLike<number>;
  rows?: ArrayLike<number>;
} & BinningOptions): BinningResult {
  const o = optionsWithDefaults(options);
  const n = rows ? rows.length : values.length;
  const present: number[] = [];
  const missing = { good: 0, bad: 0 };
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const v = values[i]!;
    if (Number.isNaN(v)) {
      if (bad[i] === 1) missing.bad++;
      else missing.good++;
    } else present.push(i);
  }
  present.sort((a, b) => values[a]! - values[b]!);
  const m = present.length;
  const cuts: number[] = [];
  for (let q = 1; q < o.fineBins; q++) {
    const v = values[present[Math.floor((q * m) / o.fineBins)]!];
    if (v !== undefined && v > values[present[0]!]! && (cuts.length === 0 || v > cuts[cuts.length - 1]!))
      cuts.push(v);
  }
  const fine: Group[] = [];
  let c = 0;
  let current: Group = { lower: -Infinity, upper: cuts[0] ?? Infinity, categories: [], good: 0, bad: 0 };
  for (const i of present) {
    const v = values[i]!;
    while (c < cuts.length && v >= cuts[c]!) {
      fine.push(current);
      c++;
      current = { lower: cuts[c - 1]!, upper: cuts[c] ?? Infinity, categories: [], good: 0, bad: 0 };
    }
    if (bad[i] === 1) current.bad++;
    else current.good++;
  }
  fine.push(current);
  const nonEmpty = fine.filter((g) => g.good + g.bad > 0);
  // Re-stitch the bounds so the bins cover the whole line without gaps.
  nonEmpty.forEach((g, i) => {
    g.lower = i === 0 ? -Infinity : nonEmpty[i - 1]!.upper;
  });
  if (nonEmpty.length > 0) nonEmpty[nonEmpty.length - 1]!.upper = Infinity;
  const sparse = mergeSparse(nonEmpty, o.minBinShare * n);
  const increasing = chiMerge(mergeMonotonic(sparse, true), 0, o.maxBins);
  const decreasing = chiMerge(mergeMonotonic(sparse, false), 0, o.maxBins);
  const free = chiMerge(sparse, o.mergeChiSquare, o.maxBins);
  const ivInc = ivOf(increasing, o.smoothing);
  const ivDec = ivOf(decreasing, o.smoothing);
  const ivFree = ivOf(free, o.smoothing);
  const [mono, ivMono, trend] =
    ivInc >= ivDec
      ? ([increasing, ivInc, 'increasing'] as const)
      : ([decreasing, ivDec, 'decreasing'] as const);
  if (free.length > 2 && ivFree > ivMono * (1 + o.nonMonotonicGain)) {
    return finish(
      'numeric',
      free,
      missing,
      o.smoothing,
      'none',
      `non-monotonic: IV ${ivFree.toFixed(4)} against ${ivMono.toFixed(4)} for the best monotonic binning`,
      false,
    );
  }
  return finish('numeric', mono, missing, o.smoothing, trend, undefined, false);
}

/** Bins a categorical characteristic (null = missing) over `rows` (default: all). */
export function binCategorical({
  values,
  bad,
  rows,
  ...options
}: {
  values: ArrayLike<string | null>;
  bad: ArrayLike<number>;
  rows?: ArrayLike<number>;
} & BinningOptions): BinningResult {
  const o = optionsWithDefaults(options);
  const n = rows ? rows.length : values.length;
  const stats = new Map<string, Group>();
  const missing = { good: 0, bad: 0 };
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k]! : k;
    const v = values[i]!;
    if (v === null) {
      if (bad[i] === 1) missing.bad++;
      else missing.good++;
      continue;
    }
    let g = stats.get(v);
    if (!g) stats.set(v, (g = { lower: 0, upper: 0, categories: [v], good: 0, bad: 0 }));
    if (bad[i] === 1) g.bad++;
    else g.good++;
  }
  const sorted = [...stats.values()].sort(
    (a, b) => rate(a) - rate(b) || (a.categories[0]! < b.categories[0]! ? -1 : 1),
  );
  const groups = chiMerge(mergeSparse(sorted, o.minBinShare * n), o.mergeChiSquare, o.maxBins);
  return finish('categorical', groups, missing, o.smoothing, 'categorical', undefined, true);
}

/**
 * A lookup from values to bin index for applying a binning to data (the same rules the scorer uses:
 * ranges lower ≤ x < upper, categories by string, missing or unseen → the missing bin, −1 if none).
 */
export function binLookup(result: BinningResult): (v: number | string | null) => number {
  const missingIndex = result.bins.findIndex((b) => b.condition.kind === 'missing');
  if (result.type === 'categorical') {
    const map = new Map<string, number>();
    result.bins.forEach((b, i) => {
      if (b.condition.kind === 'categories') for (const v of b.condition.values) map.set(v, i);
    });
    return (v) => (v === null ? missingIndex : (map.get(String(v)) ?? missingIndex));
  }
  const uppers: number[] = [];
  for (const b of result.bins) if (b.condition.kind === 'range') uppers.push(b.condition.upper ?? Infinity);
  return (v) => {
    const x = typeof v === 'number' ? v : v === null ? NaN : Number(v);
    if (Number.isNaN(x)) return missingIndex;
    let k = 0;
    while (k < uppers.length - 1 && x >= uppers[k]!) k++;
    return k;
  };
}
