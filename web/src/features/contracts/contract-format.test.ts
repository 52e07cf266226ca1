import { describe, expect, it } from 'vitest';
import {
  contractFileName,
  formatRatePercent,
  hasReadAll,
  nextUnreadPage,
  readPageSet,
  sha256Hex,
} from './contract-format';

describe('rates as percentages', () => {
  it('moves the decimal point and rounds half up on the digits', () => {
    expect(formatRatePercent('0.0435')).toBe('4.35%');
    expect(formatRatePercent('0.072345')).toBe('7.23%');
    expect(formatRatePercent('0.072350')).toBe('7.24%');
    expect(formatRatePercent('0.0799999')).toBe('8.00%');
    expect(formatRatePercent('0.065')).toBe('6.50%');
    expect(formatRatePercent('0')).toBe('0.00%');
    expect(formatRatePercent('1')).toBe('100.00%');
    expect(formatRatePercent('0.00004')).toBe('0.00%');
    expect(formatRatePercent('0.00005')).toBe('0.01%');
    expect(formatRatePercent('0.123456789012345678901')).toBe('12.35%');
    expect(formatRatePercent('0.0435', 0)).toBe('4%');
  });

  it('leaves what is not a decimal fraction as it is', () => {
    expect(formatRatePercent('n/a')).toBe('n/a');
    expect(formatRatePercent('-0.01')).toBe('-0.01');
  });
});

describe('reading progress', () => {
  it('counts each page of the contract once', () => {
    expect([...readPageSet([3, 1, 3, 0, 9, 2.5], 4)].sort()).toEqual([1, 3]);
    expect(hasReadAll([1, 2, 3], 3)).toBe(true);
    expect(hasReadAll([3, 2, 1, 1], 3)).toBe(true);
    expect(hasReadAll([1, 2], 3)).toBe(false);
    expect(hasReadAll([], 0)).toBe(false);
  });

  it('finds the next unread page forward, wrapping round', () => {
    expect(nextUnreadPage([1, 2], 4)).toBe(3);
    expect(nextUnreadPage([1, 3], 4, 3)).toBe(4);
    expect(nextUnreadPage([2, 3, 4], 4, 3)).toBe(1);
    expect(nextUnreadPage([1, 2, 3, 4], 4)).toBeNull();
  });
});

describe('hashes and file names', () => {
  it('hashes bytes with SHA-256 as hex', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex(bytes.buffer)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('makes a safe file name of the contract number', () => {
    expect(contractFileName('MQ-HT-2026/0001', 'signed', 'pdf')).toBe('MQ-HT-2026-0001-signed.pdf');
    expect(contractFileName('合同', 'verification', 'json')).toBe('contract-verification.json');
  });
});
