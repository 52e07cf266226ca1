import { describe, expect, it } from 'vitest';
import type { LegalHoldView } from '../../../../src/contracts/legal-holds.schema';
import {
  canPlaceLegalHold,
  canReadLegalHolds,
  cleanReason,
  holdInForce,
  releaseAccess,
} from './legal-hold-access';

const placer = '00000000-0000-4000-8000-000000000001';
const other = '00000000-0000-4000-8000-000000000002';
const hold = (id: string, released: LegalHoldView['released']): LegalHoldView => ({
  id,
  applicationId: '00000000-0000-4000-8000-0000000000aa',
  reason: '诉讼 (2026) 京01民初123号',
  placedBy: { accountId: placer, role: 'admin' },
  placedAt: '2026-11-01T08:00:00.000Z',
  released,
});
const inForce = hold('00000000-0000-4000-8000-0000000000b1', null);
const released = hold('00000000-0000-4000-8000-0000000000b0', {
  by: { accountId: other, role: 'admin' },
  at: '2026-10-01T08:00:00.000Z',
  reason: '案件已结',
});

describe('legal hold roles', () => {
  it('lets every staff role read, but only risk officers and administrators place', () => {
    for (const role of ['loan_officer', 'risk_officer', 'approver', 'admin'] as const) {
      expect(canReadLegalHolds(role)).toBe(true);
    }
    expect(canReadLegalHolds('borrower_individual')).toBe(false);
    expect(canReadLegalHolds(undefined)).toBe(false);
    expect(canPlaceLegalHold('risk_officer')).toBe(true);
    expect(canPlaceLegalHold('admin')).toBe(true);
    expect(canPlaceLegalHold('loan_officer')).toBe(false);
    expect(canPlaceLegalHold('approver')).toBe(false);
  });
});

describe('holdInForce', () => {
  it('finds the hold not released, if any', () => {
    expect(holdInForce({ isHeld: true, items: [inForce, released] })).toBe(inForce);
    expect(holdInForce({ isHeld: false, items: [released] })).toBeUndefined();
    expect(holdInForce({ isHeld: false, items: [] })).toBeUndefined();
  });
});

describe('releaseAccess', () => {
  it('lets another administrator release, not the one who placed it (four eyes)', () => {
    expect(releaseAccess({ hold: inForce, role: 'admin', accountId: other })).toBe('allowed');
    expect(releaseAccess({ hold: inForce, role: 'admin', accountId: placer })).toBe('placedByYou');
  });
  it('refuses other roles and answers none without a hold in force', () => {
    expect(releaseAccess({ hold: inForce, role: 'risk_officer', accountId: other })).toBe('allowed');
    expect(releaseAccess({ hold: inForce, role: 'risk_officer', accountId: placer })).toBe('placedByYou');
    expect(releaseAccess({ hold: inForce, role: 'loan_officer', accountId: other })).toBe('notPermitted');
    expect(releaseAccess({ hold: inForce, role: undefined, accountId: undefined })).toBe('notPermitted');
    expect(releaseAccess({ hold: undefined, role: 'admin', accountId: other })).toBe('none');
  });
});

describe('cleanReason', () => {
  it('turns line breaks and runs of spaces into one space (the server refuses control characters)', () => {
    expect(cleanReason('  法院裁定\n(2026)  京01\r\n\t号 ')).toBe('法院裁定 (2026) 京01 号');
  });
  it('refuses a reason shorter than 2 or longer than 500 characters, counting code points', () => {
    expect(cleanReason('')).toBeUndefined();
    expect(cleanReason(' 案 \n')).toBeUndefined();
    expect(cleanReason('案号')).toBe('案号');
    expect(cleanReason('案'.repeat(500))).toBe('案'.repeat(500));
    expect(cleanReason('案'.repeat(501))).toBeUndefined();
    // 250 characters outside the BMP are 500 UTF-16 units but 250 characters.
    expect(cleanReason('𠀀'.repeat(250))).toBe('𠀀'.repeat(250));
    expect(cleanReason('𠀀'.repeat(501))).toBeUndefined();
  });
});
