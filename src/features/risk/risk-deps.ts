import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { RiskDecisionPolicy } from '../../core/risk/decision-policy';
import type { ScreeningPolicy } from '../../core/screening/policy';
import type { RuleResult } from '../../core/screening/screen-application';
import type { CreditBureau } from './credit-bureau.port';
import type { RiskStore } from './risk-store.port';
import type { ScorecardRegistry } from './scorecard-registry.port';

/** An application as risk assessment needs it (wired from the applications store by the composition root). */
export interface RiskApplication {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  productCode: string;
  borrowerAccountId: string;
  details: ApplicationDetails;
}

/** What risk assessment needs of loan applications. */
export interface RiskApplications {
  find(id: string): Promise<RiskApplication | undefined>;
  /** The latest screening's rule outcomes. */
  screening(
    id: string,
  ): Promise<{ decision: 'pass' | 'reject'; policyVersion: string; results: RuleResult[] } | undefined>;
}

/** What risk assessment needs of identity verification: the borrower's credit-inquiry consent. */
export interface CreditInquiryConsents {
  /**
   * The account's unwithdrawn credit_inquiry consent, given for the person with `idNumber` (the
   * consent follows the account's identity check, so it covers only the ID number checked), or
   * undefined — a borrower cannot authorise an inquiry into someone else.
   */
  activeCreditInquiryConsent(input: {
    accountId: string;
    idNumber: string;
  }): Promise<{ id: string; givenAt: Date } | undefined>;
}

/** Ledger leaves for assessments and overrides, queued by the risk store in the same commit. */
export interface RiskEvidence {
  prepare(input: {
    type: 'risk.decision';
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

export interface RiskDeps {
  store: RiskStore;
  bureau: CreditBureau;
  models: ScorecardRegistry;
  applications: RiskApplications;
  consents: CreditInquiryConsents;
  evidence: RiskEvidence;
  policy: RiskDecisionPolicy;
  screeningPolicy: ScreeningPolicy;
  /** The platform's protected characteristics (never model inputs). */
  protectedInputs: readonly string[];
  clock: () => Date;
  settings: {
    /** PSI and live-fairness alerts need at least this many live assessments of a model. */
    minLiveForStability: number;
    /** Alert when any group's disparate impact is below this (the four-fifths rule). */
    disparateImpactAlert: number;
    /** Alert when the population stability index is above this. */
    stabilityAlert: number;
  };
}
