import type { ApprovalOutcome } from '../../core/approval/approval-progress';
import type { ApprovalKind, ApprovalStep, ApprovalStepKind } from '../../core/approval/authority-matrix';
import type { LoanOffer, OfferDisclosure } from '../../core/approval/loan-offer';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { RiskGrade } from '../../core/risk/decision-policy';

/**
 * A case's life: `pending` (steps open), `awaiting_borrower` (every step approved, revised terms
 * waiting for the borrower), then one of `approved`, `rejected`, `returned` (to the officer, who may
 * submit again as a new case) or `declined_by_borrower`.
 */
export type ApprovalCaseStatus =
  'pending' | 'awaiting_borrower' | 'approved' | 'rejected' | 'returned' | 'declined_by_borrower';

export const openCaseStatuses: readonly ApprovalCaseStatus[] = ['pending', 'awaiting_borrower'];

/** Why a decider decided as they did (审批意见类别). */
export type ApprovalReasonCode =
  | 'within_policy'
  | 'adequate_repayment_capacity'
  | 'collateral_sufficient'
  | 'terms_adjusted'
  | 'insufficient_repayment_capacity'
  | 'adverse_credit_history'
  | 'policy_exception'
  | 'documents_incomplete'
  | 'other';

/** What was known when the case was submitted: the matrix's verdict and the risk assessment behind it. */
export interface ApprovalSnapshot {
  productCode: string;
  riskAssessmentId: string;
  riskPolicyVersion: string;
  grade: RiskGrade;
  recommendedAnnualRate: string;
  recommendedLimit: string;
}

export interface ApprovalCaseRecord {
  id: string;
  applicationId: string;
  status: ApprovalCaseStatus;
  /** Optimistic concurrency: every write takes the version read. */
  version: number;
  matrixVersion: string;
  bandId: string;
  kind: ApprovalKind;
  steps: ApprovalStep[];
  snapshot: ApprovalSnapshot;
  /** The borrower's request priced at the risk decision's rate. */
  requestedTerms: LoanOffer;
  /** The terms now decided on (the requested ones until an approver revises them). */
  currentTerms: LoanOffer;
  /** 0 for the requested terms, n after the n-th revision. */
  termsVersion: number;
  /** The disclosure of revised terms the borrower must accept, once every step approved them. */
  pendingDisclosure: { disclosure: OfferDisclosure; sha256: string } | null;
  borrowerResponse: { decision: 'accept' | 'decline'; at: Date; disclosureSha256: string } | null;
  submittedBy: string;
  submittedAt: Date;
  /** Whoever moved the application to `interviewed`, when someone did. */
  interviewerId: string | null;
  completedAt: Date | null;
}

export interface ApprovalDecisionRecord {
  id: string;
  caseId: string;
  seq: number;
  stepIndex: number;
  stepKind: ApprovalStepKind;
  outcome: ApprovalOutcome;
  reasonCode: ApprovalReasonCode;
  /** The decider's written reason (stored encrypted; the ledger holds its SHA-256). */
  text: string;
  byAccountId: string;
  byRole: string;
  /** The terms version decided on (after this decision's own revision, if it made one). */
  termsVersion: number;
  /** The terms this decision set, when it revised them. */
  revisedTerms: LoanOffer | null;
  at: Date;
  leafHash: string;
}

/** The approved terms of an application. */
export interface ApprovedTermsRecord extends LoanOffer {
  applicationId: string;
  caseId: string;
  matrixVersion: string;
  approvedAt: Date;
}

/** What a case write may change. */
export interface ApprovalCaseChanges {
  status?: ApprovalCaseStatus;
  currentTerms?: LoanOffer;
  termsVersion?: number;
  pendingDisclosure?: ApprovalCaseRecord['pendingDisclosure'];
  borrowerResponse?: ApprovalCaseRecord['borrowerResponse'];
  completedAt?: Date | null;
}

/**
 * Approval cases and their decisions. Decision texts are encrypted by the adapter; evidence goes to
 * the ledger's outbox in the same transaction as the write it attests.
 */
export interface ApprovalStore {
  /** Opens a case; undefined when the application already has an open one. */
  open(input: {
    record: ApprovalCaseRecord;
    evidence: PreparedEvidence;
  }): Promise<ApprovalCaseRecord | undefined>;
  /** The application's most recent case (open or not). */
  latestOf(applicationId: string): Promise<ApprovalCaseRecord | undefined>;
  decisions(caseId: string): Promise<ApprovalDecisionRecord[]>;
  /**
   * Applies `changes` to the case if its version is still `expectedVersion`, with the decision (if
   * any) and the evidence, in one transaction; undefined when someone changed the case meanwhile.
   */
  update(input: {
    caseId: string;
    expectedVersion: number;
    changes: ApprovalCaseChanges;
    decision?: ApprovalDecisionRecord;
    evidence: readonly PreparedEvidence[];
  }): Promise<ApprovalCaseRecord | undefined>;
  /** The terms of the application's approved case, if it has one. */
  approvedTermsOf(applicationId: string): Promise<ApprovedTermsRecord | undefined>;
}
