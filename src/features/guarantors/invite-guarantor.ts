import type { Actor } from '../../core/accounts/roles';
import { maskMobile } from '../../core/accounts/password-policy';
import { AppError } from '../../core/errors';
import { isInvitable, type GuarantorRelationship, type InviterSide } from '../../core/guarantors/guarantee';
import type { Capture } from '../../core/ledger/evidence/capture';
import { parseYuan, formatYuan } from '../../core/money/money';
import type { GuarantorsDeps } from './guarantors-deps';
import type { GuarantorInvitationRecord } from './guarantor-store.port';
import { loadForInviter, mayInvite } from './load-for-inviter';

/** The invitation text message: who asks, for which application, and where to answer. */
export function invitationSms(input: { side: InviterSide; reference: string; amount: string }): string {
  const who = input.side === 'borrower' ? '借款人' : '银行客户经理';
  return `【面签】${who}邀请您为贷款申请 ${input.reference} 提供连带责任保证（担保金额 ${input.amount} 元）。请使用本手机号登录或注册面签，在“我的担保”(/guarantees) 中阅读担保承诺并确认或拒绝。如非本人知情，请忽略。`;
}

/**
 * The borrower (their own application) or a loan officer invites a guarantor by name and mobile, with
 * the relationship and the amount guaranteed (the loan amount by default, never more). From draft
 * until risk_control; not the borrower themself; one open invitation per mobile and application. The
 * invitation goes on the ledger (no personal data: ids, relationship, amount), then an SMS tells the
 * person to log in or register and open 我的担保.
 */
export async function inviteGuarantor({
  deps,
  actor,
  side,
  capture,
  applicationId,
  input,
}: {
  deps: GuarantorsDeps;
  actor: Actor;
  side: InviterSide;
  capture?: Capture | undefined;
  applicationId: string;
  input: {
    name: string;
    mobile: string;
    relationship: GuarantorRelationship;
    guaranteedAmount?: string | undefined;
  };
}): Promise<GuarantorInvitationRecord> {
  const app = await loadForInviter({ deps, actor, side, applicationId });
  if (!mayInvite(actor, side)) throw new AppError('FORBIDDEN');
  if (!isInvitable(app.status))
    throw new AppError('GUARANTOR_INVITE_NOT_ALLOWED', undefined, { status: app.status });
  const mobile = input.mobile.replace(/^\+?86(?=1\d{10}$)/, '');
  input = { ...input, mobile };
  const name = input.name.trim();
  if (name.length === 0)
    throw new AppError('VALIDATION_FAILED', 'The guarantor needs a name', { field: 'name' });
  if (input.mobile === app.applicantMobile)
    throw new AppError('GUARANTOR_NOT_ELIGIBLE', 'The borrower cannot guarantee their own loan');
  const existing = await deps.people.accountIdByMobile(input.mobile);
  if (existing !== undefined && existing === app.borrowerAccountId)
    throw new AppError('GUARANTOR_NOT_ELIGIBLE', 'The borrower cannot guarantee their own loan');

  const given = input.guaranteedAmount ?? app.amount;
  if (given === undefined)
    throw new AppError('VALIDATION_FAILED', 'State the loan amount or the amount guaranteed', {
      field: 'guaranteedAmount',
    });
  const amount = parseYuan(given);
  if (amount.lte(0) || (app.amount !== undefined && amount.gt(parseYuan(app.amount))))
    throw new AppError(
      'VALIDATION_FAILED',
      'The amount guaranteed must be above zero and at most the loan amount',
      {
        field: 'guaranteedAmount',
      },
    );
  const guaranteedAmount = formatYuan(amount);

  const at = deps.clock();
  const id = deps.newId();
  const evidence = await deps.evidence.prepare({
    type: 'guarantee',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'guarantor.invited',
      invitationId: id,
      applicationId,
      side,
      relationship: input.relationship,
      guaranteedAmount,
      at: at.toISOString(),
    },
  });
  const record: GuarantorInvitationRecord = {
    id,
    applicationId,
    name,
    mobile: input.mobile,
    mobileMasked: maskMobile(input.mobile),
    relationship: input.relationship,
    guaranteedAmount,
    invitedBySide: side,
    invitedBy: actor.accountId,
    invitedAt: at,
    status: 'invited',
    version: 1,
    answeredAt: null,
    declineReason: null,
    consentVersion: null,
    consentSha256: null,
    consentLocale: null,
    guarantorAccountId: null,
    withdrawnAt: null,
    withdrawnBy: null,
    leafHash: evidence.leafHash.toString('hex'),
  };
  if (!(await deps.store.create({ record, evidence })))
    throw new AppError(
      'GUARANTOR_NOT_ELIGIBLE',
      'This mobile number is already invited to guarantee this application',
    );
  deps.evidence.sequence();
  await deps.sms.send({
    mobile: input.mobile,
    text: invitationSms({ side, reference: app.reference, amount: guaranteedAmount }),
  });
  return record;
}
