import { describe, expect, it } from 'vitest';
import { formatRate } from './lending-format';

describe('formatRate', () => {
  it('shows decimal fractions as percentages without floating point', () => {
    expect(formatRate('0.0850')).toBe('8.50%');
    expect(formatRate('0.085')).toBe('8.50%');
    expect(formatRate('0.123456')).toBe('12.3456%');
    expect(formatRate('0.1')).toBe('10.00%');
    expect(formatRate('0.0001')).toBe('0.01%');
    expect(formatRate('1.5')).toBe('150.00%');
    expect(formatRate('0')).toBe('0.00%');
  });
});
