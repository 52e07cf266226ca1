import { approvalProgress, type ApprovalDecisionFact } from '../approval/approval-progress';
import type { ApprovalStep } from '../approval/authority-matrix';

/** The queues of work waiting for staff, by role. */
export type WorkQueue =
  | 'under_review'
  | 'identity_verified'
  | 'interview_scheduled'
  | 'approved_without_contract'
  | 'risk_control_not_submitted'
  | 'approval_risk_review'
  | 'approval_decision'
  | 'awaiting_disbursement';

export type StaffRole = 'loan_officer' | 'risk_officer' | 'approver';

export interface WorkRow {
  readonly role: StaffRole;
  readonly queues: readonly { readonly queue: WorkQueue; readonly count: number }[];
  readonly total: number;
}

/** An open approval case as far as its current step goes. */
export interface OpenCaseFacts {
  readonly steps: readonly ApprovalStep[];
  readonly decisions: readonly ApprovalDecisionFact[];
  readonly termsVersion: number;
}

/**
 * Work waiting per role:
 * - loan_officer: applications under_review, identity_verified, interview_scheduled; approved ones
 *   without a contract yet; risk_control ones not (or no longer) submitted for approval.
 * - risk_officer: open approval cases whose current step is a risk review.
 * - approver: open approval cases at an approval or committee step; contract_signed loans waiting for
 *   disbursement.
 * Cases whose steps are all approved (waiting for the borrower's answer) wait for no one on staff.
 */
export function workPerRole({
  statusCounts,
  approvedWithoutContract,
  riskControlNotSubmitted,
  openCases,
}: {
  statusCounts: Readonly<Partial<Record<string, number>>>;
  approvedWithoutContract: number;
  riskControlNotSubmitted: number;
  openCases: readonly OpenCaseFacts[];
}): WorkRow[] {
  let riskReview = 0;
  let decision = 0;
  for (const c of openCases) {
    const progress = approvalProgress({
      steps: c.steps,
      decisions: c.decisions,
      termsVersion: c.termsVersion,
    });
    if (progress.state !== 'in_progress') continue;
    if (progress.step.roles.includes('risk_officer')) riskReview++;
    else if (progress.step.roles.includes('approver')) decision++;
  }
  const row = (role: StaffRole, queues: [WorkQueue, number][]): WorkRow => ({
    role,
    queues: queues.map(([queue, count]) => ({ queue, count })),
    total: queues.reduce((sum, [, n]) => sum + n, 0),
  });
  return [
    row('loan_officer', [
      ['under_review', statusCounts.under_review ?? 0],
      ['identity_verified', statusCounts.identity_verified ?? 0],
      ['interview_scheduled', statusCounts.interview_scheduled ?? 0],
      ['approved_without_contract', approvedWithoutContract],
      ['risk_control_not_submitted', riskControlNotSubmitted],
    ]),
    row('risk_officer', [['approval_risk_review', riskReview]]),
    row('approver', [
      ['approval_decision', decision],
      ['awaiting_disbursement', statusCounts.contract_signed ?? 0],
    ]),
  ];
}
