import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatYuan, isYuanString, parseYuan, ratio, roundToFen } from './money';

describe('money', () => {
  it('accepts exact fen amounts and rejects everything else', () => {
    for (const ok of ['0', '1', '1.5', '1200.50', '9999999999999.99']) expect(isYuanString(ok)).toBe(true);
    for (const bad of ['', '-1', '01', '1.234', '1e5', ' 1', '1,000', 'NaN', '10000000000000', '.5'])
      expect(isYuanString(bad)).toBe(false);
    expect(() => parseYuan('1.001')).toThrow(RangeError);
  });

  it('rounds half up to fen and never drifts like binary floats', () => {
    expect(formatYuan('0.125')).toBe('0.13');
    expect(formatYuan('0.124999')).toBe('0.12');
    expect(formatYuan(parseYuan('0.1').plus(parseYuan('0.2')))).toBe('0.30');
    expect(roundToFen('2.675').toFixed(2)).toBe('2.68'); // 2.675 in binary floats rounds to 2.67
  });

  it('round-trips every fen amount exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), (fen) => {
        const text = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
        expect(formatYuan(parseYuan(text))).toBe(text);
      }),
    );
  });

  it('computes exact ratios and refuses division by zero', () => {
    expect(ratio('1', '3').times(3).toFixed(20)).toBe('1.00000000000000000000');
    expect(() => ratio('1', '0')).toThrow(RangeError);
  });
});
