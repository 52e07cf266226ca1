/**
 * Reads a canonical ASCII decimal as the C2SP formats write sizes, indices and timestamps: digits only,
 * no sign, no leading zeroes (except `0` itself). Values above 2^53 - 1 are refused because they would not
 * survive as a JavaScript number. Returns undefined when `text` is not such a number.
 */
export function parseDecimal(text: string): number | undefined {
  if (!/^(?:0|[1-9][0-9]{0,15})$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
