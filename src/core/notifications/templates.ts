import type { ApplicationStatus } from '../application/lifecycle';

/**
 * Notification texts (通知文案): pure, zh-CN first with English below. They carry nothing personal
 * beyond the application's reference and the addressee's display name — never an ID number, amount,
 * mobile number or reason text.
 */

/** The stages a borrower is told about. */
export const notifiedStages = [
  'submitted',
  'rejected',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'approved',
  'contract_signed',
  'disbursed',
  'withdrawn',
  'expired',
] as const satisfies readonly ApplicationStatus[];
export type NotifiedStage = (typeof notifiedStages)[number];

/** What staff are told: an application waiting in the loan officers' queue, a loan ready to disburse. */
export const staffKinds = ['staff.review_waiting', 'staff.ready_to_disburse'] as const;
export type StaffNotificationKind = (typeof staffKinds)[number];
export type NotificationKind = `application.${NotifiedStage}` | StaffNotificationKind;

export interface Localised {
  readonly 'zh-CN': string;
  readonly en: string;
}

export type Locale = 'zh-CN' | 'en';

const stageTexts: Record<NotifiedStage, { title: Localised; line: Localised }> = {
  submitted: {
    title: { 'zh-CN': '申请已提交', en: 'Application submitted' },
    line: {
      'zh-CN': '我们已收到您的贷款申请，正在进行初审。',
      en: 'We have received your loan application and are screening it.',
    },
  },
  rejected: {
    title: { 'zh-CN': '申请未获通过', en: 'Application declined' },
    line: {
      'zh-CN': '很遗憾，您的贷款申请未获通过。详情请登录查看。',
      en: 'We are sorry: your loan application was declined. Log in for details.',
    },
  },
  identity_verified: {
    title: { 'zh-CN': '身份核验已完成', en: 'Identity verified' },
    line: {
      'zh-CN': '您的身份核验已完成，请预约视频面签。',
      en: 'Your identity is verified; please book your video interview.',
    },
  },
  interview_scheduled: {
    title: { 'zh-CN': '视频面签已预约', en: 'Video interview booked' },
    line: {
      'zh-CN': '您的视频面签已预约，请按时登录参加。',
      en: 'Your video interview is booked; please log in on time to attend.',
    },
  },
  interviewed: {
    title: { 'zh-CN': '面签已完成', en: 'Interview completed' },
    line: {
      'zh-CN': '您的视频面签已完成，申请进入风控审查。',
      en: 'Your video interview is done; the application moves on to risk review.',
    },
  },
  approved: {
    title: { 'zh-CN': '贷款已获批准', en: 'Loan approved' },
    line: {
      'zh-CN': '您的贷款已获批准，请登录签署借款合同。',
      en: 'Your loan is approved; please log in to sign the loan contract.',
    },
  },
  contract_signed: {
    title: { 'zh-CN': '合同已签署', en: 'Contract signed' },
    line: {
      'zh-CN': '借款合同已签署完成，我们将尽快放款。',
      en: 'The loan contract is signed; we will disburse the loan shortly.',
    },
  },
  disbursed: {
    title: { 'zh-CN': '贷款已发放', en: 'Loan disbursed' },
    line: {
      'zh-CN': '贷款已发放到您的账户，您的还款计划现已生效。',
      en: 'The loan has been paid into your account; your repayment schedule is now active.',
    },
  },
  withdrawn: {
    title: { 'zh-CN': '申请已撤回', en: 'Application withdrawn' },
    line: { 'zh-CN': '您的贷款申请已撤回。', en: 'Your loan application has been withdrawn.' },
  },
  expired: {
    title: { 'zh-CN': '申请已过期', en: 'Application expired' },
    line: {
      'zh-CN': '您的贷款申请因长时间未处理已过期。',
      en: 'Your loan application has expired after a long time without progress.',
    },
  },
};

const staffTexts: Record<StaffNotificationKind, { title: Localised; line: Localised }> = {
  'staff.review_waiting': {
    title: { 'zh-CN': '新申请待审核', en: 'New application to review' },
    line: {
      'zh-CN': '一笔申请已通过初审，进入待审核队列。',
      en: 'An application passed screening and is waiting in the review queue.',
    },
  },
  'staff.ready_to_disburse': {
    title: { 'zh-CN': '合同已签署，待放款', en: 'Contract signed, ready to disburse' },
    line: {
      'zh-CN': '一笔贷款的合同已签署完成，等待放款。',
      en: 'A loan contract is fully signed and waiting for disbursement.',
    },
  },
};

export const isNotifiedStage = (s: string): s is NotifiedStage =>
  (notifiedStages as readonly string[]).includes(s);

/** One rendered notification: a title without personal data, a body that may greet by name. */
export interface RenderedNotification {
  readonly kind: NotificationKind;
  readonly title: Localised;
  readonly body: Localised;
}

/** A display name as it may appear in a greeting: one line, at most 40 characters. */
function safeName(name: string | null): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean === '' ? null : clean.slice(0, 40);
}

/** The borrower's notification of `stage` of application `reference`, greeting `displayName`. */
export function borrowerNotification({
  stage,
  reference,
  displayName,
}: {
  stage: NotifiedStage;
  reference: string;
  displayName: string | null;
}): RenderedNotification {
  const t = stageTexts[stage];
  const name = safeName(displayName);
  return {
    kind: `application.${stage}`,
    title: t.title,
    body: {
      'zh-CN': `${name ? `${name}，您好：` : '您好：'}\n申请编号 ${reference}：${t.line['zh-CN']}`,
      en: `${name ? `Dear ${name},` : 'Hello,'}\nApplication ${reference}: ${t.line.en}`,
    },
  };
}

/** A staff notification about application `reference` (no names at all). */
export function staffNotification({
  kind,
  reference,
}: {
  kind: StaffNotificationKind;
  reference: string;
}): RenderedNotification {
  const t = staffTexts[kind];
  return {
    kind,
    title: t.title,
    body: {
      'zh-CN': `申请编号 ${reference}：${t.line['zh-CN']}`,
      en: `Application ${reference}: ${t.line.en}`,
    },
  };
}

/** The e-mail for a rendered notification: the subject in the preferred language first, the body zh-CN then English. */
export function notificationEmail({
  notification,
  locale,
}: {
  notification: RenderedNotification;
  locale: Locale;
}): { subject: string; text: string } {
  const { title, body } = notification;
  const subject =
    locale === 'en'
      ? `[Mianqian] ${title.en} / ${title['zh-CN']}`
      : `【面签】${title['zh-CN']} / ${title.en}`;
  const text = [
    body['zh-CN'],
    '',
    '此邮件由系统自动发送，请勿回复。请登录面签平台查看详情。',
    '',
    '----',
    '',
    body.en,
    '',
    'This message was sent automatically; please do not reply. Log in to Mianqian for details.',
    '',
  ].join('\n');
  return { subject, text };
}

/**
 * What an application event means for notifications: the borrower's stage (if notified) and the
 * staff kind (if any). Screening's own steps (submitted → screening → under_review) notify the
 * borrower once, at `submitted` (and again at `rejected` when screening declines).
 */
export function notificationsForEvent({
  fromStatus,
  toStatus,
}: {
  fromStatus: string | null;
  toStatus: string;
}): {
  borrower: NotifiedStage | null;
  staff: { kind: StaffNotificationKind; roles: readonly string[] } | null;
} {
  // Back from interview_scheduled to identity_verified is a cancelled booking, not a new stage.
  const isCancelledBooking = toStatus === 'identity_verified' && fromStatus === 'interview_scheduled';
  const borrower = isNotifiedStage(toStatus) && !isCancelledBooking ? toStatus : null;
  const staff =
    toStatus === 'under_review'
      ? { kind: 'staff.review_waiting' as const, roles: ['loan_officer'] }
      : toStatus === 'contract_signed'
        ? { kind: 'staff.ready_to_disburse' as const, roles: ['approver'] }
        : null;
  return { borrower, staff };
}
