import { checkGuarantorMove, guaranteeConsent, type GuaranteeTerms } from '../../core/guarantors/guarantee';
import type { GuarantorApplication, GuarantorIdentityState } from './guarantors-deps';
import type { GuarantorInvitationRecord } from './guarantor-store.port';

/** An invitation as the inviter side (the borrower, caseworkers) sees it: the mobile masked. */
export function viewInvitation(
  r: GuarantorInvitationRecord,
  app: GuarantorApplication,
  mayWithdraw: boolean,
) {
  return {
    id: r.id,
    applicationId: r.applicationId,
    name: r.name,
    mobileMasked: r.mobileMasked,
    relationship: r.relationship,
    guaranteedAmount: r.guaranteedAmount,
    invitedBySide: r.invitedBySide,
    status: r.status,
    invitedAt: r.invitedAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
    declineReason: r.declineReason,
    consentVersion: r.consentVersion,
    consentSha256: r.consentSha256,
    canWithdraw:
      mayWithdraw &&
      checkGuarantorMove({ from: r.status, move: 'withdraw', by: 'inviter', applicationStatus: app.status })
        .allowed,
  };
}

/** The terms the consent text names: the loan as the application states it, the amount guaranteed. */
export function termsOf(r: GuarantorInvitationRecord, app: GuarantorApplication): GuaranteeTerms {
  return {
    guaranteedAmount: r.guaranteedAmount,
    loanAmount: app.amount ?? r.guaranteedAmount,
    termMonths: app.termMonths ?? 0,
    reference: app.reference,
  };
}

/** An invitation as the invited guarantor sees it: the loan, the consent text to read, what they may do. */
export function viewGuarantee(
  r: GuarantorInvitationRecord,
  app: GuarantorApplication,
  identity: GuarantorIdentityState,
) {
  return {
    id: r.id,
    applicationReference: app.reference,
    productCode: app.productCode,
    borrowerName: app.borrowerName ?? null,
    loanAmount: app.amount ?? null,
    termMonths: app.termMonths ?? null,
    guaranteedAmount: r.guaranteedAmount,
    relationship: r.relationship,
    invitedBySide: r.invitedBySide,
    status: r.status,
    invitedAt: r.invitedAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    declineReason: r.declineReason,
    consent: guaranteeConsent(termsOf(r, app)),
    acceptedConsentSha256: r.consentSha256,
    canAnswer:
      identity !== 'failed' &&
      checkGuarantorMove({ from: r.status, move: 'accept', by: 'guarantor', applicationStatus: app.status })
        .allowed,
  };
}
