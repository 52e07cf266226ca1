/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value at
 * rank ⌈p/100 · n⌉ (1-based). It is always one of the observed values (no interpolation), as SQL's
 * `percentile_disc` answers. An empty sample has no percentile (null).
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (!(p > 0 && p <= 100)) throw new RangeError('p must be in (0, 100]');
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1]!;
}

/** How long something took across a sample: count, median and 90th percentile (nearest rank), in hours. */
export interface DurationSummary {
  readonly count: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

const round1 = (n: number | null): number | null => (n === null ? null : Math.round(n * 10) / 10);

/** Summarises durations given in milliseconds; hours rounded to one decimal. */
export function summariseDurations(millis: readonly number[]): DurationSummary {
  const hours = millis.filter((m) => Number.isFinite(m) && m >= 0).map((m) => m / 3_600_000);
  return {
    count: hours.length,
    medianHours: round1(nearestRank(hours, 50)),
    p90Hours: round1(nearestRank(hours, 90)),
  };
}
