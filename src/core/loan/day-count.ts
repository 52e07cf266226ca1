import { daysBetween } from './calendar-date';

/**
 * Day-count conventions (计息基准) for a period's interest:
 * - `30/360`: every month is 1/12 of a year whatever its length (按月计息: monthly rate = annual / 12,
 *   quarterly = annual / 4), the usual convention of Chinese bank loans;
 * - `ACT/360`: actual days / 360 (daily rate = annual / 360, the PBoC's traditional 日利率);
 * - `ACT/365`: actual days / 365 (leap day included in the count, the basis stays 365).
 */
export const dayCounts = ['30/360', 'ACT/360', 'ACT/365'] as const;
export type DayCount = (typeof dayCounts)[number];

/** Days in the year of the daily rate (日利率 = annual rate / basis) for each convention. */
export const dailyRateBasis: Readonly<Record<DayCount, number>> = {
  '30/360': 360,
  'ACT/360': 360,
  'ACT/365': 365,
};

/**
 * A fraction of a year as an exact ratio of integers, so that interest is computed as
 * balance × rate × numerator / denominator with a single division and a single rounding at the end.
 */
export interface YearFraction {
  readonly numerator: number;
  readonly denominator: number;
}

/**
 * The year fraction of an accrual period under `dayCount`: `months` / 12 under 30/360; under the ACT
 * conventions the actual days from `from` to `to` (both 'YYYY-MM-DD', required) over 360 or 365.
 */
export function yearFraction({
  dayCount,
  months,
  from,
  to,
}: {
  dayCount: DayCount;
  months: number;
  from?: string | undefined;
  to?: string | undefined;
}): YearFraction {
  if (dayCount === '30/360') return { numerator: months, denominator: 12 };
  if (from === undefined || to === undefined) throw new RangeError(`${dayCount} needs the period's dates`);
  return { numerator: daysBetween(from, to), denominator: dailyRateBasis[dayCount] };
}
