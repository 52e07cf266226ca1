import { createHash } from 'node:crypto';
import type { ApplicationStatus } from '../application/lifecycle';
import {
  guarantorRelationships,
  guarantorStatuses,
  type GuarantorRelationship,
  type GuarantorStatus,
  type InviterSide,
} from './guarantor-status';

/**
 * Guarantors (担保人): a person invited by the borrower or the loan officer to guarantee a loan. The
 * invitation's lifecycle, the guarantee consent text they accept, and when guarantors block approval.
 * Pure: no I/O.
 */

export { guarantorRelationships, guarantorStatuses };
export type { GuarantorRelationship, GuarantorStatus, InviterSide };

/** An application takes new guarantors (and loses them) from draft until its approval decision. */
export const invitableStatuses: readonly ApplicationStatus[] = [
  'draft',
  'submitted',
  'screening',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
];
export const isInvitable = (status: ApplicationStatus): boolean => invitableStatuses.includes(status);

/**
 * The moves of an invitation and who makes each:
 * - `accept` / `decline`: the invited guarantor, while invited;
 * - `fail_verification`: the system, while invited, when the guarantor's identity verification failed;
 * - `withdraw`: the inviter's side (the borrower or a loan officer), from any status but withdrawn,
 *   and only before approval — an accepted guarantor may not silently vanish once the loan is approved.
 * Every move also needs the application still before approval (invitable).
 */
export type GuarantorMove = 'accept' | 'decline' | 'fail_verification' | 'withdraw';
export type GuarantorMover = 'guarantor' | 'inviter' | 'system';

const moves: Record<
  GuarantorMove,
  { by: GuarantorMover; from: readonly GuarantorStatus[]; to: GuarantorStatus }
> = {
  accept: { by: 'guarantor', from: ['invited'], to: 'accepted' },
  decline: { by: 'guarantor', from: ['invited'], to: 'declined' },
  fail_verification: { by: 'system', from: ['invited'], to: 'verification_failed' },
  withdraw: {
    by: 'inviter',
    from: ['invited', 'accepted', 'declined', 'verification_failed'],
    to: 'withdrawn',
  },
};

export type MoveCheck =
  | { allowed: true; to: GuarantorStatus }
  | { allowed: false; reason: 'WRONG_SIDE' | 'WRONG_STATUS' | 'APPLICATION_CLOSED' };

/** Whether `by` may make `move` on an invitation in `from`, on an application in `applicationStatus`. */
export function checkGuarantorMove({
  from,
  move,
  by,
  applicationStatus,
}: {
  from: GuarantorStatus;
  move: GuarantorMove;
  by: GuarantorMover;
  applicationStatus: ApplicationStatus;
}): MoveCheck {
  const rule = moves[move];
  if (rule.by !== by) return { allowed: false, reason: 'WRONG_SIDE' };
  if (!rule.from.includes(from)) return { allowed: false, reason: 'WRONG_STATUS' };
  if (!isInvitable(applicationStatus)) return { allowed: false, reason: 'APPLICATION_CLOSED' };
  return { allowed: true, to: rule.to };
}

/** The guarantee consent text in force (担保承诺书). A new wording is a new version. */
export const GUARANTEE_CONSENT_VERSION = 'guarantee-2026-11.1';

export type GuaranteeLocale = 'zh-CN' | 'en';

export interface GuaranteeTerms {
  /** The amount guaranteed, yuan with two places. */
  guaranteedAmount: string;
  /** The loan's requested amount and term. */
  loanAmount: string;
  termMonths: number;
  /** The application's reference (no personal data). */
  reference: string;
}

/**
 * The consent text a guarantor reads and accepts, in one language: a joint-and-several guarantee
 * (连带责任保证) of the loan up to the guaranteed amount for its term, plus interest, penalty interest
 * and enforcement costs, for three years after the last repayment falls due.
 */
export function guaranteeConsentText(locale: GuaranteeLocale, t: GuaranteeTerms): string {
  if (locale === 'zh-CN')
    return [
      `担保承诺书（版本 ${GUARANTEE_CONSENT_VERSION}）`,
      `本人自愿为贷款申请 ${t.reference}（借款金额人民币 ${t.loanAmount} 元，期限 ${t.termMonths} 个月）提供连带责任保证。`,
      `保证范围为借款本金人民币 ${t.guaranteedAmount} 元及相应利息、罚息、违约金和实现债权的费用；保证期间为主债务履行期届满之日起三年。`,
      '借款人未按期足额还款的，贷款人有权直接要求本人在保证范围内承担还款责任，无需先向借款人追偿。',
      '本人确认已完成身份核验，已阅读并理解上述内容，并将在视频面签中确认并签署保证合同。',
    ].join('\n');
  return [
    `Guarantee undertaking (version ${GUARANTEE_CONSENT_VERSION})`,
    `I voluntarily give a joint-and-several guarantee (连带责任保证) for loan application ${t.reference} (loan amount CNY ${t.loanAmount}, term ${t.termMonths} months).`,
    `The guarantee covers principal up to CNY ${t.guaranteedAmount} with the related interest, penalty interest, damages and costs of enforcement, for three years after the last repayment falls due.`,
    'If the borrower does not repay in full and on time, the lender may require me to pay within the guarantee directly, without first pursuing the borrower.',
    'I confirm that my identity has been verified, that I have read and understood this text, and that I will confirm it in the video interview and sign the guarantee contract.',
  ].join('\n');
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The consent in both languages with the SHA-256 of each (what an acceptance names). */
export function guaranteeConsent(t: GuaranteeTerms): {
  version: string;
  texts: Record<GuaranteeLocale, { text: string; sha256: string }>;
} {
  const one = (locale: GuaranteeLocale) => {
    const text = guaranteeConsentText(locale, t);
    return { text, sha256: sha256Hex(text) };
  };
  return { version: GUARANTEE_CONSENT_VERSION, texts: { 'zh-CN': one('zh-CN'), en: one('en') } };
}

/** Which language's text the client read, if `version` and `sha256` name the consent in force. */
export function matchConsent(
  t: GuaranteeTerms,
  answer: { version: string; sha256: string },
): GuaranteeLocale | undefined {
  if (answer.version !== GUARANTEE_CONSENT_VERSION) return undefined;
  const { texts } = guaranteeConsent(t);
  return (['zh-CN', 'en'] as const).find((l) => texts[l].sha256 === answer.sha256.toLowerCase());
}

export type GuarantorBlockerCode =
  'GUARANTOR_DECLINED' | 'GUARANTOR_VERIFICATION_FAILED' | 'GUARANTOR_NOT_CONFIRMED';

export interface GuarantorBlocker {
  code: GuarantorBlockerCode;
  invitationId: string;
  message: string;
}

/**
 * What guarantors say about approving: every invitation not withdrawn must be accepted. A declined one
 * (with its reason), one whose guarantor failed identity verification, or one not yet answered blocks
 * approval. Invitations withdrawn by the inviter side count for nothing; no invitations, no blockers.
 */
export function guarantorBlockers(
  invitations: readonly { id: string; status: GuarantorStatus; declineReason: string | null }[],
): GuarantorBlocker[] {
  const blockers: GuarantorBlocker[] = [];
  for (const i of invitations) {
    if (i.status === 'declined')
      blockers.push({
        code: 'GUARANTOR_DECLINED',
        invitationId: i.id,
        message: `A guarantor declined the guarantee: ${i.declineReason ?? 'no reason given'}`,
      });
    else if (i.status === 'verification_failed')
      blockers.push({
        code: 'GUARANTOR_VERIFICATION_FAILED',
        invitationId: i.id,
        message: 'A guarantor failed identity verification',
      });
    else if (i.status === 'invited')
      blockers.push({
        code: 'GUARANTOR_NOT_CONFIRMED',
        invitationId: i.id,
        message: 'A guarantor has not yet accepted the guarantee',
      });
  }
  return blockers;
}
