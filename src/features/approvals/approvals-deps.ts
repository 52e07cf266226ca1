import type { Actor } from '../../core/accounts/roles';
import type { ApplicationKind, RepaymentMethod } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { AuthorityMatrix } from '../../core/approval/authority-matrix';
import type { LoanOffer } from '../../core/approval/loan-offer';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { RiskDecisionPolicy, RiskGrade } from '../../core/risk/decision-policy';
import type { ScreeningPolicy } from '../../core/screening/policy';
import type { ApprovalStore } from './approval-store.port';

/** An application as approvals need it (wired from the applications store by the composition root). */
export interface ApprovalApplication {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  productCode: string;
  borrowerAccountId: string;
  amount: string | undefined;
  termMonths: number | undefined;
  repaymentMethod: RepaymentMethod | undefined;
}

/** What approvals need of loan applications. */
export interface ApprovalApplications {
  find(id: string): Promise<ApprovalApplication | undefined>;
  /** Who moved the application to `interviewed` last (the interviewer), from its event history. */
  interviewerOf(id: string): Promise<string | null>;
  /**
   * Moves the application out of risk_control as `actor` (approved or rejected by staff, withdrawn by
   * the borrower), with its event and evidence in one transaction. Idempotent: an application no
   * longer in risk_control is left as it is.
   */
  conclude(input: {
    applicationId: string;
    caseId: string;
    to: 'approved' | 'rejected' | 'withdrawn';
    actor: Actor;
    reason: string;
    capture?: Capture | undefined;
    terms?: LoanOffer | undefined;
  }): Promise<void>;
}

/** What approvals need of risk assessment: the application's latest assessment. */
export interface ApprovalRiskAssessments {
  latestOf(applicationId: string): Promise<
    | {
        id: string;
        policyVersion: string;
        grade: RiskGrade;
        recommendedAnnualRate: string;
        recommendedLimit: string;
      }
    | undefined
  >;
}

/** Ledger leaves for approvals, queued by the approval store in the same commit. */
export interface ApprovalEvidence {
  prepare(input: {
    type: 'approval';
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

/**
 * Something outside the approval case that stops it being approved: a guarantor who declined or
 * failed verification, collateral whose loan-to-value is over the product's limit … Each source
 * (guarantors, collateral) answers for itself; the composition root combines them.
 */
export interface ApprovalBlocker {
  /** Which capability raised it: 'guarantors', 'collateral' … */
  source: string;
  /** A stable code within the source, e.g. GUARANTOR_DECLINED. */
  code: string;
  /** A clear reason for staff (not personal data: no names or numbers). */
  message: string;
  details?: Record<string, unknown>;
}

export interface ApprovalBlockers {
  /** What blocks approving this application at `amount` (the terms being approved); empty: nothing. */
  of(input: { applicationId: string; amount: string }): Promise<ApprovalBlocker[]>;
}

/** Blockers from several sources, in order. */
export function combineApprovalBlockers(sources: readonly ApprovalBlockers[]): ApprovalBlockers {
  return {
    async of(input) {
      const all = await Promise.all(sources.map((s) => s.of(input)));
      return all.flat();
    },
  };
}

export interface ApprovalsDeps {
  /** Guarantors, collateral …: an approve decision is refused with APPROVAL_BLOCKED while any is listed. */
  blockers: ApprovalBlockers;
  store: ApprovalStore;
  applications: ApprovalApplications;
  risk: ApprovalRiskAssessments;
  evidence: ApprovalEvidence;
  /** The authority matrix new cases are judged under. */
  matrix: AuthorityMatrix;
  screeningPolicy: ScreeningPolicy;
  /** The rate floor and cap a revision must respect. */
  riskPolicy: RiskDecisionPolicy;
  clock: () => Date;
  newId: () => string;
}
