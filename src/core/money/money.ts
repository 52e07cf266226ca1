import Decimal from 'decimal.js';

/**
 * Money in yuan as exact decimals. Amounts cross every boundary (API, database, documents) as decimal
 * strings with at most two places (fen); inside, they are `Decimal`s. Binary floats never hold money.
 */
export const Yuan = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Yuan = Decimal;

/** Largest amount the platform handles: 10^13 yuan fits numeric(18,2) with room to spare. */
export const MAX_YUAN = new Yuan('9999999999999.99');

const YUAN_PATTERN = /^(0|[1-9]\d{0,12})(\.\d{1,2})?$/;

/** True when `text` is a non-negative yuan amount with at most two decimal places, e.g. "1200.50". */
export function isYuanString(text: string): boolean {
  return YUAN_PATTERN.test(text);
}

/** Parses a yuan amount string; throws RangeError on anything that is not an exact fen amount. */
export function parseYuan(text: string): Yuan {
  if (!isYuanString(text)) throw new RangeError(`not a yuan amount: ${JSON.stringify(text)}`);
  return new Yuan(text);
}

/** Rounds to fen (0.01 yuan), half up: 四舍五入到分. */
export function roundToFen(amount: Decimal.Value): Yuan {
  return new Yuan(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Formats as a plain two-place string ("1200.50"), the form amounts take in the API and database. */
export function formatYuan(amount: Decimal.Value): string {
  return roundToFen(amount).toFixed(2);
}

/** Exact ratio a / b as a Decimal (b must not be zero). */
export function ratio(a: Decimal.Value, b: Decimal.Value): Decimal {
  const divisor = new Yuan(b);
  if (divisor.isZero()) throw new RangeError('division by zero');
  return new Yuan(a).dividedBy(divisor);
}
