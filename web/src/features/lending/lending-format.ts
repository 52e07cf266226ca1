/**
 * "0.0850" → "8.50%"; "0.123456" → "12.3456%". Rates stay decimal strings like money: the digits move,
 * no binary floating point.
 */
export function formatRate(rate: string): string {
  const match = /^(\d+)\.(\d+)$/.exec(rate) ?? /^(\d+)()$/.exec(rate);
  if (!match) return rate;
  const [, int = '0', frac = ''] = match;
  const digits = `${int}${frac.padEnd(2, '0')}`;
  const whole = digits.slice(0, int.length + 2).replace(/^0+(?=\d)/, '');
  const rest = digits.slice(int.length + 2).replace(/0+$/, '');
  return `${whole}.${rest.padEnd(2, '0')}%`;
}

/** The first 8 characters of an id, enough to tell people apart on one case. */
export const shortId = (id: string): string => id.slice(0, 8);

/** A random Idempotency-Key (crypto.randomUUID where the browser has it, else 16 random bytes in hex). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
