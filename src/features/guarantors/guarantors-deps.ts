import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { GuarantorStore } from './guarantor-store.port';

/** An application as guarantors need it (wired from the applications store by the composition root). */
export interface GuarantorApplication {
  id: string;
  reference: string;
  status: ApplicationStatus;
  productCode: string;
  borrowerAccountId: string;
  amount: string | undefined;
  termMonths: number | undefined;
  /** The applicant's mobile as stated in an individual application (the borrower may not guarantee). */
  applicantMobile: string | undefined;
  /** Whom the guarantee is for: the applicant's name, or the company's. */
  borrowerName: string | undefined;
}

/**
 * Where a person's identity verification stands, as guarantors need it: `verified` (the authority
 * confirmed them and the face check passed, or the officer verifies them by video), `failed` (the
 * authority's answer was inconsistent or had no record), `in_progress`, or `none`.
 */
export type GuarantorIdentityState = 'verified' | 'failed' | 'in_progress' | 'none';

export interface GuarantorPeople {
  identityOf(accountId: string): Promise<GuarantorIdentityState>;
  /** The account holding this mobile number, if any. */
  accountIdByMobile(mobile: string): Promise<string | undefined>;
}

export interface GuarantorEvidence {
  prepare(input: {
    type: 'guarantee';
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

/** Text messages to invited guarantors (the platform's SMS gateway, or the development outbox). */
export interface GuarantorSms {
  send(input: { mobile: string; text: string }): Promise<unknown>;
}

export interface GuarantorsDeps {
  store: GuarantorStore;
  applications: { find(id: string): Promise<GuarantorApplication | undefined> };
  people: GuarantorPeople;
  sms: GuarantorSms;
  evidence: GuarantorEvidence;
  clock: () => Date;
  newId: () => string;
}
