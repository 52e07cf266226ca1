import type Decimal from 'decimal.js';
import { Yuan } from '../money/money';
import { internalRateOfReturn } from './internal-rate-of-return';

/**
 * 年化利率 as the PBoC's 2021 announcement (〔2021〕第3号) annex computes it: the periodic IRR of all the
 * borrower's cash flows (what they receive net of upfront fees at t = 0, every payment at t = 1…n)
 * times the number of periods per year (12 monthly, 4 quarterly). Fees and interest alike raise it.
 * Cash flows and `guess` as for `internalRateOfReturn`; full precision, the caller rounds for display.
 */
export function annualisedRate({
  cashFlows,
  periodsPerYear,
  guess,
}: {
  cashFlows: readonly Decimal.Value[];
  periodsPerYear: Decimal.Value;
  guess?: Decimal.Value;
}): Decimal {
  const periodic = internalRateOfReturn(guess === undefined ? { cashFlows } : { cashFlows, guess });
  return periodic.times(new Yuan(periodsPerYear));
}
