import type { Actor } from '../../core/accounts/roles';
import { approvalKindOf, bandFor } from '../../core/approval/authority-matrix';
import type { LoanOffer } from '../../core/approval/loan-offer';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import { findProduct } from '../../core/screening/policy';
import type { ApprovalCaseRecord } from './approval-store.port';
import { termsRecord } from './approval-facts';
import type { ApprovalsDeps } from './approvals-deps';

/**
 * The loan officer submits an application in risk_control for approval (提交审批): the case snapshots
 * the matrix version and the band it gives, the requested terms priced at the latest risk assessment's
 * rate, and that assessment's grade, price and limit. The interviewer is read from the event history
 * now, so four-eyes holds even if the history grows later. Anchored on the ledger (hashes only).
 */
export async function submitForApproval({
  deps,
  actor,
  capture,
  applicationId,
}: {
  deps: ApprovalsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
}): Promise<ApprovalCaseRecord> {
  if (!deps.matrix.preparerRoles.includes(actor.role)) throw new AppError('FORBIDDEN');
  const app = await deps.applications.find(applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND');
  if (app.status !== 'risk_control')
    throw new AppError(
      'APPROVAL_NOT_PENDING',
      'Only an application in risk control can be submitted for approval',
      {
        status: app.status,
      },
    );
  const latest = await deps.store.latestOf(applicationId);
  if (latest && (latest.status === 'pending' || latest.status === 'awaiting_borrower'))
    throw new AppError('APPROVAL_CASE_OPEN', undefined, { caseId: latest.id });
  const product = findProduct({ policy: deps.screeningPolicy, code: app.productCode });
  if (!product || !app.amount || !app.termMonths || !app.repaymentMethod)
    throw new AppError('APPROVAL_NOT_PENDING', 'The application has no complete loan terms');
  const assessment = await deps.risk.latestOf(applicationId);
  if (!assessment) throw new AppError('RISK_ASSESSMENT_NOT_FOUND');

  const kind = approvalKindOf({
    applicationKind: app.kind,
    isProjectFinance: product.isProjectFinance === true,
  });
  const band = bandFor({ matrix: deps.matrix, kind, amount: app.amount, grade: assessment.grade });
  const requestedTerms: LoanOffer = {
    amount: app.amount,
    nominalAnnualRate: assessment.recommendedAnnualRate,
    termMonths: app.termMonths,
    repaymentMethod: app.repaymentMethod,
  };
  const at = deps.clock();
  const record: ApprovalCaseRecord = {
    id: deps.newId(),
    applicationId,
    status: 'pending',
    version: 1,
    matrixVersion: deps.matrix.version,
    bandId: band.id,
    kind,
    steps: band.steps.map((s) => ({ ...s, roles: [...s.roles] })),
    snapshot: {
      productCode: app.productCode,
      riskAssessmentId: assessment.id,
      riskPolicyVersion: assessment.policyVersion,
      grade: assessment.grade,
      recommendedAnnualRate: assessment.recommendedAnnualRate,
      recommendedLimit: assessment.recommendedLimit,
    },
    requestedTerms,
    currentTerms: requestedTerms,
    termsVersion: 0,
    pendingDisclosure: null,
    borrowerResponse: null,
    submittedBy: actor.accountId,
    submittedAt: at,
    interviewerId: await deps.applications.interviewerOf(applicationId),
    completedAt: null,
  };
  const evidence = await deps.evidence.prepare({
    type: 'approval',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'approval.submitted',
      caseId: record.id,
      applicationId,
      matrixVersion: record.matrixVersion,
      band: band.id,
      steps: record.steps.map((s) => ({ kind: s.kind, roles: [...s.roles], seats: s.seats })),
      riskAssessmentId: assessment.id,
      grade: assessment.grade,
      requestedTerms: termsRecord(requestedTerms),
      at: at.toISOString(),
    },
  });
  const opened = await deps.store.open({ record, evidence });
  if (!opened) throw new AppError('APPROVAL_CASE_OPEN');
  deps.evidence.sequence();
  return opened;
}
