import type { InState } from '../../core/operations/sla';
import type { OpenCaseFacts } from '../../core/operations/work-per-role';

/** Submission and the first decision / disbursement after it, per application of the period. */
export interface ApplicationTimes {
  submittedAt: Date;
  decidedAt: Date | null;
  disbursedAt: Date | null;
}

/**
 * What the operations dashboard reads, as aggregates computed by the database (it stays fast with
 * tens of thousands of applications: counts are grouped in SQL, only open cases and candidates for
 * an SLA breach come back row by row). Nothing personal: references and counts.
 */
export interface OperationsReadModel {
  /** For applications submitted since `since`: how many ever reached each state (from their events). */
  reachedByStatus(since: Date): Promise<Record<string, number>>;
  /** Every application now, counted by state. */
  currentByStatus(): Promise<Record<string, number>>;
  /** Submission, decision (approved or rejected) and disbursement times of applications submitted since `since`. */
  times(since: Date): Promise<ApplicationTimes[]>;
  /** Approved applications with no contract yet. */
  approvedWithoutContract(): Promise<number>;
  /** Applications in risk_control without an open approval case. */
  riskControlNotSubmitted(): Promise<number>;
  /** Approval cases whose steps are still being decided, with their decisions. */
  pendingApprovalCases(): Promise<OpenCaseFacts[]>;
  /** Applications in one of `cutoffs`' states that entered it before that state's cutoff. */
  enteredBefore(cutoffs: readonly { state: string; before: Date }[]): Promise<InState[]>;
}
