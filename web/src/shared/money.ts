/**
 * Yuan amounts stay decimal strings end to end (as the API sends them): no binary floating point ever
 * touches money, so comparisons and formatting work on the digits.
 */
export const yuanPattern = /^(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/;
export const signedYuanPattern = /^-?(0|[1-9][0-9]{0,12})(\.[0-9]{1,2})?$/;

/** Compares two non-negative amounts matching `yuanPattern`: negative, zero or positive like a sort callback. */
export function compareYuan(a: string, b: string): number {
  const [aInt = '', aFrac = ''] = a.split('.');
  const [bInt = '', bFrac = ''] = b.split('.');
  if (aInt.length !== bInt.length) return aInt.length - bInt.length;
  if (aInt !== bInt) return aInt < bInt ? -1 : 1;
  const af = aFrac.padEnd(2, '0');
  const bf = bFrac.padEnd(2, '0');
  return af === bf ? 0 : af < bf ? -1 : 1;
}

/** "1234567.5" → "¥1,234,567.50"; "-20" → "-¥20.00". */
export function formatYuan(amount: string): string {
  const negative = amount.startsWith('-');
  const [int = '0', frac = ''] = (negative ? amount.slice(1) : amount).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${grouped}.${frac.padEnd(2, '0')}`;
}
