import { describe, expect, it } from 'vitest';
import {
  GUARANTEE_CONSENT_VERSION,
  checkGuarantorMove,
  guaranteeConsent,
  guaranteeConsentText,
  guarantorBlockers,
  matchConsent,
} from './guarantee';

const terms = {
  guaranteedAmount: '50000.00',
  loanAmount: '50000.00',
  termMonths: 12,
  reference: 'MQ-2026-000001',
};

describe('guarantor invitation moves', () => {
  it('the guarantor accepts or declines an open invitation', () => {
    expect(
      checkGuarantorMove({
        from: 'invited',
        move: 'accept',
        by: 'guarantor',
        applicationStatus: 'risk_control',
      }),
    ).toEqual({ allowed: true, to: 'accepted' });
    expect(
      checkGuarantorMove({ from: 'invited', move: 'decline', by: 'guarantor', applicationStatus: 'draft' }),
    ).toEqual({ allowed: true, to: 'declined' });
    expect(
      checkGuarantorMove({ from: 'accepted', move: 'decline', by: 'guarantor', applicationStatus: 'draft' }),
    ).toEqual({ allowed: false, reason: 'WRONG_STATUS' });
    expect(
      checkGuarantorMove({ from: 'declined', move: 'accept', by: 'guarantor', applicationStatus: 'draft' }),
    ).toEqual({ allowed: false, reason: 'WRONG_STATUS' });
  });

  it('only the inviter side withdraws, and only before approval', () => {
    expect(
      checkGuarantorMove({ from: 'accepted', move: 'withdraw', by: 'guarantor', applicationStatus: 'draft' }),
    ).toEqual({ allowed: false, reason: 'WRONG_SIDE' });
    expect(
      checkGuarantorMove({
        from: 'accepted',
        move: 'withdraw',
        by: 'inviter',
        applicationStatus: 'risk_control',
      }),
    ).toEqual({ allowed: true, to: 'withdrawn' });
    expect(
      checkGuarantorMove({
        from: 'accepted',
        move: 'withdraw',
        by: 'inviter',
        applicationStatus: 'approved',
      }),
    ).toEqual({ allowed: false, reason: 'APPLICATION_CLOSED' });
    expect(
      checkGuarantorMove({ from: 'withdrawn', move: 'withdraw', by: 'inviter', applicationStatus: 'draft' }),
    ).toEqual({ allowed: false, reason: 'WRONG_STATUS' });
    expect(
      checkGuarantorMove({
        from: 'declined',
        move: 'withdraw',
        by: 'inviter',
        applicationStatus: 'interviewed',
      }),
    ).toEqual({ allowed: true, to: 'withdrawn' });
  });

  it('verification failure is the system’s move on an open invitation', () => {
    expect(
      checkGuarantorMove({
        from: 'invited',
        move: 'fail_verification',
        by: 'system',
        applicationStatus: 'under_review',
      }),
    ).toEqual({ allowed: true, to: 'verification_failed' });
    expect(
      checkGuarantorMove({
        from: 'invited',
        move: 'fail_verification',
        by: 'guarantor',
        applicationStatus: 'under_review',
      }),
    ).toEqual({ allowed: false, reason: 'WRONG_SIDE' });
  });
});

describe('the guarantee consent text', () => {
  it('names a joint-and-several guarantee of the amount and term in both languages', () => {
    const zh = guaranteeConsentText('zh-CN', terms);
    expect(zh).toContain('连带责任保证');
    expect(zh).toContain('50000.00');
    expect(zh).toContain('12 个月');
    const en = guaranteeConsentText('en', terms);
    expect(en).toContain('joint-and-several');
    expect(en).toContain('12 months');
    expect(en).toContain(GUARANTEE_CONSENT_VERSION);
  });

  it('an acceptance must name the version and the SHA-256 of a text in force', () => {
    const consent = guaranteeConsent(terms);
    expect(consent.texts['zh-CN'].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(matchConsent(terms, { version: consent.version, sha256: consent.texts.en.sha256 })).toBe('en');
    expect(matchConsent(terms, { version: consent.version, sha256: consent.texts['zh-CN'].sha256 })).toBe(
      'zh-CN',
    );
    expect(matchConsent(terms, { version: 'old', sha256: consent.texts.en.sha256 })).toBeUndefined();
    expect(
      matchConsent(
        { ...terms, termMonths: 24 },
        { version: consent.version, sha256: consent.texts.en.sha256 },
      ),
    ).toBeUndefined();
  });
});

describe('guarantor approval blockers', () => {
  it('declined, failed and unanswered invitations block; accepted and withdrawn do not', () => {
    const blockers = guarantorBlockers([
      { id: 'a', status: 'accepted', declineReason: null },
      { id: 'b', status: 'withdrawn', declineReason: null },
      { id: 'c', status: 'declined', declineReason: '不愿承担风险' },
      { id: 'd', status: 'verification_failed', declineReason: null },
      { id: 'e', status: 'invited', declineReason: null },
    ]);
    expect(blockers.map((b) => [b.invitationId, b.code])).toEqual([
      ['c', 'GUARANTOR_DECLINED'],
      ['d', 'GUARANTOR_VERIFICATION_FAILED'],
      ['e', 'GUARANTOR_NOT_CONFIRMED'],
    ]);
    expect(blockers[0]!.message).toContain('不愿承担风险');
    expect(guarantorBlockers([])).toEqual([]);
  });
});
