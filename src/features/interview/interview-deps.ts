import type { Actor } from '../../core/accounts/roles';
import type { ApplicationKind, RepaymentMethod } from '../../core/application/application';
import type { ApplicationStatus, TransitionActor } from '../../core/application/lifecycle';
import type { ApplicantFacts } from '../../core/interview/verification-questions';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ScreeningPolicy } from '../../core/screening/policy';
import type { InterviewObservations } from './interview-observations.port';
import type { InterviewStore } from './interview-store.port';

/** An application as interviews need it (wired from the applications store by the composition root). */
export interface InterviewApplication {
  id: string;
  reference: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  productCode: string;
  borrowerAccountId: string;
  amount: string | undefined;
  termMonths: number | undefined;
  repaymentMethod: RepaymentMethod | undefined;
  /** The borrower's name as applied (the tile's display name). */
  borrowerName: string;
  /** Where reminders go (undefined when the application holds no mobile). */
  borrowerMobile: string | undefined;
  /** What verification answers are checked against. */
  facts: ApplicantFacts;
}

/** What interviews need of loan applications. */
export interface InterviewApplications {
  find(id: string): Promise<InterviewApplication | undefined>;
  /** Applications of this borrower (to offer slots to those in identity_verified). */
  listOfBorrower(accountId: string): Promise<InterviewApplication[]>;
  /**
   * Moves the application (through the lifecycle, with its event and evidence in one transaction).
   * True when it moved; false when it was not in one of `from` any more (nothing changed).
   */
  move(input: {
    applicationId: string;
    to: ApplicationStatus;
    as: TransitionActor;
    actor: { accountId: string | null; role: string };
    reason: string;
    from: readonly ApplicationStatus[];
    capture?: Capture | undefined;
    record: { readonly [key: string]: CanonicalValue };
  }): Promise<boolean>;
}

/** The application's accepted guarantors (from guarantor invitations), who join the interview too. */
export interface InterviewGuarantors {
  acceptedOf(applicationId: string): Promise<{ accountId: string; displayName: string; mobile: string }[]>;
}

/** The nominal rate the script discloses: decided terms if any, else the risk assessment's recommendation. */
export interface InterviewRates {
  rateOf(
    applicationId: string,
  ): Promise<{ nominalAnnualRate: string; source: 'decided' | 'risk_recommendation' } | undefined>;
}

/** A text message to a participant (reminders; through the platform's SMS port). */
export interface InterviewTexts {
  send(input: { mobile: string; text: string }): Promise<void>;
}

/** Ledger leaves for interview steps, queued by the interview store in the same commit. */
export interface InterviewEvidence {
  prepare(input: {
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

/** What interviews need of identity verification (wired by the composition root). */
export interface InterviewIdentities {
  /**
   * A passed interview whose officer confirmed the identity completes the borrower's verification
   * when it waits for that check (the borrower chose the officer video instead of face recognition).
   */
  confirmByOfficerVideo(input: {
    accountId: string;
    interviewId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
  }): Promise<void>;
}

export interface InterviewDeps {
  store: InterviewStore;
  identities: InterviewIdentities;
  applications: InterviewApplications;
  accounts: { displayNameOf(accountId: string): Promise<string | undefined> };
  guarantors: InterviewGuarantors;
  rates: InterviewRates;
  observations: InterviewObservations;
  texts: InterviewTexts;
  evidence: InterviewEvidence;
  policy: ScreeningPolicy;
  clock: () => Date;
  newId: () => string;
  /** A uniform random integer in [0, bound) from a cryptographic source (question draws). */
  pick: (bound: number) => number;
}

export type { Actor };
