import { describe, expect, it } from 'vitest';
import {
  borrowerNotification,
  notificationEmail,
  notificationsForEvent,
  notifiedStages,
  staffNotification,
} from './templates';

describe('notification templates', () => {
  it('every stage has a bilingual title and a body naming the reference and greeting by name, zh-CN first', () => {
    for (const stage of notifiedStages) {
      const n = borrowerNotification({ stage, reference: 'MQ-2026-000123', displayName: '张三' });
      expect(n.kind).toBe(`application.${stage}`);
      expect(n.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(n.title.en).toMatch(/^[A-Z]/);
      expect(n.body['zh-CN']).toContain('张三');
      expect(n.body['zh-CN']).toContain('MQ-2026-000123');
      expect(n.body.en).toContain('MQ-2026-000123');
      const mail = notificationEmail({ notification: n, locale: 'zh-CN' });
      expect(mail.text.indexOf(n.body['zh-CN'])).toBeLessThan(mail.text.indexOf(n.body.en));
      expect(mail.subject.startsWith('【面签】')).toBe(true);
    }
  });

  it('disbursed says the repayment schedule is now active', () => {
    const n = borrowerNotification({ stage: 'disbursed', reference: 'MQ-1', displayName: null });
    expect(n.body.en).toContain('your repayment schedule is now active');
    expect(n.body['zh-CN']).toContain('还款计划现已生效');
    expect(n.body['zh-CN'].startsWith('您好')).toBe(true);
  });

  it('a name is kept to one short line; English subjects lead in English', () => {
    const n = borrowerNotification({
      stage: 'approved',
      reference: 'MQ-1',
      displayName: 'A\nB\u0007' + 'x'.repeat(80),
    });
    expect(n.body.en.split('\n')[0]).toBe(`Dear AB${'x'.repeat(38)},`);
    expect(notificationEmail({ notification: n, locale: 'en' }).subject).toBe(
      '[Mianqian] Loan approved / 贷款已获批准',
    );
  });

  it('staff notifications carry the reference only', () => {
    const n = staffNotification({ kind: 'staff.review_waiting', reference: 'MQ-9' });
    expect(n.body['zh-CN']).toBe('申请编号 MQ-9：一笔申请已通过初审，进入待审核队列。');
  });

  it('maps events to notifications', () => {
    expect(notificationsForEvent({ fromStatus: 'draft', toStatus: 'submitted' })).toEqual({
      borrower: 'submitted',
      staff: null,
    });
    expect(notificationsForEvent({ fromStatus: 'submitted', toStatus: 'screening' })).toEqual({
      borrower: null,
      staff: null,
    });
    expect(notificationsForEvent({ fromStatus: 'screening', toStatus: 'under_review' })).toEqual({
      borrower: null,
      staff: { kind: 'staff.review_waiting', roles: ['loan_officer'] },
    });
    expect(
      notificationsForEvent({ fromStatus: 'interview_scheduled', toStatus: 'identity_verified' }).borrower,
    ).toBeNull();
    expect(
      notificationsForEvent({ fromStatus: 'under_review', toStatus: 'identity_verified' }).borrower,
    ).toBe('identity_verified');
    expect(
      notificationsForEvent({ fromStatus: 'approved', toStatus: 'contract_signed' }).staff?.roles,
    ).toEqual(['approver']);
  });
});
