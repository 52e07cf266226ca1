import type { Actor } from '../accounts/roles';
import type { ApprovalStep } from './authority-matrix';

/** What a decider may decide on a step: approve, reject (否决), or return the case to the officer (退回). */
export type ApprovalOutcome = 'approve' | 'reject' | 'return';

/** One recorded decision, as far as the rules need it. */
export interface ApprovalDecisionFact {
  readonly stepIndex: number;
  readonly deciderId: string;
  readonly outcome: ApprovalOutcome;
  /** The version of the terms decided on: 0 the requested terms, n after the n-th revision. */
  readonly termsVersion: number;
}

/** Where a case stands. */
export type ApprovalProgress =
  | {
      readonly state: 'in_progress';
      readonly stepIndex: number;
      readonly step: ApprovalStep;
      /** Who has approved this step so far (on the current terms, for a terms-bearing step). */
      readonly approvedBy: readonly string[];
      readonly seatsLeft: number;
    }
  | { readonly state: 'complete' }
  | { readonly state: 'rejected'; readonly stepIndex: number }
  | { readonly state: 'returned'; readonly stepIndex: number };

/** True for the steps whose approval is of particular terms (the approver's and the committee's). */
export const isTermsStep = (step: ApprovalStep): boolean => step.kind !== 'risk_review';

/** The distinct approvers that count towards step `index`. */
function countingApprovers(
  steps: readonly ApprovalStep[],
  decisions: readonly ApprovalDecisionFact[],
  index: number,
  termsVersion: number,
): string[] {
  const step = steps[index]!;
  const ids = decisions
    .filter(
      (d) =>
        d.stepIndex === index &&
        d.outcome === 'approve' &&
        (!isTermsStep(step) || d.termsVersion === termsVersion),
    )
    .map((d) => d.deciderId);
  return [...new Set(ids)];
}

/**
 * Where a case stands, from the steps its band requires and the decisions so far: the first reject
 * or return ends it; otherwise the first step without enough approvals is next, and with none left
 * the case is complete. A terms-bearing step (approver, committee) counts only approvals of the
 * current terms: a committee member's revision supersedes the approvals given to the earlier terms,
 * so every seat approves the same terms.
 */
export function approvalProgress({
  steps,
  decisions,
  termsVersion,
}: {
  steps: readonly ApprovalStep[];
  decisions: readonly ApprovalDecisionFact[];
  termsVersion: number;
}): ApprovalProgress {
  const ending = decisions.find((d) => d.outcome !== 'approve');
  if (ending)
    return ending.outcome === 'reject'
      ? { state: 'rejected', stepIndex: ending.stepIndex }
      : { state: 'returned', stepIndex: ending.stepIndex };
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!;
    const approvedBy = countingApprovers(steps, decisions, index, termsVersion);
    if (approvedBy.length < step.seats)
      return {
        state: 'in_progress',
        stepIndex: index,
        step,
        approvedBy,
        seatsLeft: step.seats - approvedBy.length,
      };
  }
  return { state: 'complete' };
}

/** Why someone may not decide a case's current step. */
export type DeciderRefusal =
  /** The case is not waiting for a decision. */
  | 'CASE_CLOSED'
  /** The caller's role may not decide this step. */
  | 'ROLE_NOT_ALLOWED'
  /** Four-eyes: the caller prepared the case (submitted it for approval). */
  | 'FOUR_EYES_PREPARER'
  /** Four-eyes: the caller ran the interview (moved the application to `interviewed`). */
  | 'FOUR_EYES_INTERVIEWER'
  /** Four-eyes: the caller already decided a step of this case. */
  | 'FOUR_EYES_ALREADY_DECIDED';

export type DeciderCheck =
  { readonly canDecide: true } | { readonly canDecide: false; readonly reason: DeciderRefusal };

/**
 * Whether `decider` may decide the case's current step, and if not why. Four-eyes (四眼原则): nobody
 * decides their own work — not the officer who prepared the case, not the interviewer, and nobody
 * twice in one case. The one exception is a committee member whose approval a later revision of the
 * terms superseded: they decide again, on terms they have not yet decided.
 */
export function checkDecider({
  steps,
  decisions,
  termsVersion,
  decider,
  preparerId,
  interviewerId,
}: {
  steps: readonly ApprovalStep[];
  decisions: readonly ApprovalDecisionFact[];
  termsVersion: number;
  decider: Actor;
  preparerId: string;
  interviewerId: string | null;
}): DeciderCheck {
  const progress = approvalProgress({ steps, decisions, termsVersion });
  if (progress.state !== 'in_progress') return { canDecide: false, reason: 'CASE_CLOSED' };
  if (!progress.step.roles.includes(decider.role)) return { canDecide: false, reason: 'ROLE_NOT_ALLOWED' };
  if (decider.accountId === preparerId) return { canDecide: false, reason: 'FOUR_EYES_PREPARER' };
  if (interviewerId !== null && decider.accountId === interviewerId)
    return { canDecide: false, reason: 'FOUR_EYES_INTERVIEWER' };
  const decidedBefore = decisions.some(
    (d) =>
      d.deciderId === decider.accountId &&
      (d.stepIndex !== progress.stepIndex || !isTermsStep(progress.step) || d.termsVersion === termsVersion),
  );
  if (decidedBefore) return { canDecide: false, reason: 'FOUR_EYES_ALREADY_DECIDED' };
  return { canDecide: true };
}
