import Decimal from 'decimal.js';

/**
 * A rate given as a decimal fraction, printed as a percentage with two to four places:
 * "0.0435" → "4.35%", "0.052345" → "5.2345%", "0.05" → "5.00%". Throws RangeError on a non-numeric or
 * negative rate, or one of 100 % or more.
 */
export function formatRatePercent(rate: string): string {
  if (!/^\d+(\.\d+)?$/.test(rate)) throw new RangeError(`not a rate: ${JSON.stringify(rate)}`);
  const fraction = new Decimal(rate);
  if (fraction.gte(1)) throw new RangeError(`rate of 100 % or more: ${rate}`);
  const percent = fraction.times(100).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  const places = Math.max(2, percent.decimalPlaces());
  return `${percent.toFixed(places)}%`;
}
