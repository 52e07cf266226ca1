import { describe, expect, it } from 'vitest';
import {
  accountBalances,
  FUNDING_ACCOUNT,
  isBalanced,
  receivableAccount,
  settlementAccount,
  sumOfBalances,
  transferPostings,
} from './journal';
import { canMoveDisbursement, endToEndIdOf, isFinalDisbursementStatus } from './disbursement-status';
import { parseIdempotencyKey, requestFingerprint } from './request-fingerprint';

describe('double-entry postings', () => {
  const accounts = {
    funding: FUNDING_ACCOUNT,
    receivable: receivableAccount('L1'),
    settlement: settlementAccount('L1'),
  };
  it('books a transfer in two balanced entries that leave the receivable and funding opposite, clearing at zero', () => {
    const accepted = transferPostings({ phase: 'transfer_accepted', amount: '50000.1', ...accounts });
    const settled = transferPostings({ phase: 'transfer_settled', amount: '50000.1', ...accounts });
    expect(isBalanced(accepted)).toBe(true);
    expect(isBalanced(settled)).toBe(true);
    const balances = accountBalances([...accepted, ...settled]);
    expect(Object.fromEntries(balances)).toEqual({
      [accounts.receivable]: '50000.10',
      [accounts.settlement]: '0.00',
      [FUNDING_ACCOUNT]: '-50000.10',
    });
    expect(sumOfBalances(balances.values())).toBe('0.00');
  });
  it('is exact in fen where binary floats are not', () => {
    const lines = ['0.10', '0.20'].map((a) => ({ account: 'x', debit: a, credit: '0.00' }));
    expect(isBalanced([...lines, { account: 'y', debit: '0.00', credit: '0.30' }])).toBe(true);
    expect(isBalanced([...lines, { account: 'y', debit: '0.00', credit: '0.31' }])).toBe(false);
  });
  it('refuses two-sided, empty or one-line entries and non-positive transfers', () => {
    expect(isBalanced([{ account: 'x', debit: '1.00', credit: '1.00' }])).toBe(false);
    expect(
      isBalanced([
        { account: 'x', debit: '0.00', credit: '0.00' },
        { account: 'y', debit: '0.00', credit: '0.00' },
      ]),
    ).toBe(false);
    expect(() => transferPostings({ phase: 'transfer_accepted', amount: '0', ...accounts })).toThrow(
      RangeError,
    );
    expect(() => transferPostings({ phase: 'transfer_accepted', amount: '1.005', ...accounts })).toThrow(
      RangeError,
    );
  });
});

describe('disbursement state machine', () => {
  it('goes requested → sent → settled | failed and never back', () => {
    expect(canMoveDisbursement('requested', 'sent')).toBe(true);
    expect(canMoveDisbursement('sent', 'settled')).toBe(true);
    expect(canMoveDisbursement('sent', 'failed')).toBe(true);
    expect(canMoveDisbursement('settled', 'sent')).toBe(false);
    expect(canMoveDisbursement('failed', 'settled')).toBe(false);
    expect(canMoveDisbursement('sent', 'requested')).toBe(false);
    expect(isFinalDisbursementStatus('settled')).toBe(true);
  });
  it('derives a 34-character end-to-end id from the disbursement id', () => {
    expect(endToEndIdOf('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe('MQ0f8fad5bd9cb469fa16570867728950e');
    expect(() => endToEndIdOf('nope')).toThrow(RangeError);
  });
});

describe('Idempotency-Key', () => {
  it('accepts a structured-field string or a bare key, 1–255 visible ASCII', () => {
    expect(parseIdempotencyKey('"abc-123"')).toBe('abc-123');
    expect(parseIdempotencyKey('abc-123')).toBe('abc-123');
    expect(parseIdempotencyKey('')).toBeUndefined();
    expect(parseIdempotencyKey('""')).toBeUndefined();
    expect(parseIdempotencyKey('a b')).toBeUndefined();
    expect(parseIdempotencyKey('"a"b"')).toBeUndefined();
    expect(parseIdempotencyKey('x'.repeat(256))).toBeUndefined();
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey(['a', 'b'])).toBeUndefined();
  });
  it('fingerprints method, path, caller and body canonically', () => {
    const base = { method: 'post', path: '/api/x/1', callerAccountId: 'A', body: { a: '1', b: '2' } };
    const same = requestFingerprint({ ...base, method: 'POST', body: { b: '2', a: '1' } });
    expect(requestFingerprint(base)).toBe(same);
    expect(requestFingerprint({ ...base, path: '/api/x/2' })).not.toBe(same);
    expect(requestFingerprint({ ...base, callerAccountId: 'B' })).not.toBe(same);
    expect(requestFingerprint({ ...base, body: { a: '1', b: '3' } })).not.toBe(same);
  });
});
