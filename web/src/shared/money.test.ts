import { describe, expect, it } from 'vitest';
import { compareYuan, formatYuan, signedYuanPattern, yuanPattern } from './money';

describe('yuan amounts as decimal strings', () => {
  it('accepts what the contracts accept', () => {
    for (const ok of ['0', '50000', '50000.5', '50000.00', '9999999999999.99'])
      expect(yuanPattern.test(ok)).toBe(true);
    for (const bad of ['', '050', '1.234', '1,000', '-1', '1e5', '.5'])
      expect(yuanPattern.test(bad)).toBe(false);
    expect(signedYuanPattern.test('-50000.5')).toBe(true);
  });

  it('compares by the digits, beyond what a double holds exactly', () => {
    expect(compareYuan('1000', '1000.00')).toBe(0);
    expect(compareYuan('999.99', '1000')).toBeLessThan(0);
    expect(compareYuan('300000.01', '300000.00')).toBeGreaterThan(0);
    expect(compareYuan('9007199254740993.01', '9007199254740993')).toBeGreaterThan(0);
  });

  it('formats with thousands separators and two places', () => {
    expect(formatYuan('1234567.5')).toBe('¥1,234,567.50');
    expect(formatYuan('0')).toBe('¥0.00');
    expect(formatYuan('-20')).toBe('-¥20.00');
  });
});
