import { describe, expect, it } from 'vitest';
import { formatPercent, formatRate } from './risk-format';

describe('risk formats', () => {
  it('shows a decimal fraction rate as a percentage without binary rounding', () => {
    expect(formatRate('0.0650')).toBe('6.50%');
    expect(formatRate('0.065')).toBe('6.50%');
    expect(formatRate('0.12345')).toBe('12.345%');
    expect(formatRate('0.1')).toBe('10.00%');
    expect(formatRate('1')).toBe('100.00%');
  });

  it('shows a probability as a percentage', () => {
    expect(formatPercent(0.0345)).toBe('3.45%');
    expect(formatPercent(null)).toBe('—');
  });
});
