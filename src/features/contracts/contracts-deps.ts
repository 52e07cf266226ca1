import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { ApprovedTerms, VerifiedPerson } from '../../core/contract/build-loan-contract';
import type { ContractLocale, Lender } from '../../core/contract/contract-data';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ContractDocuments } from './contract-documents.port';
import type { ContractStore } from './contract-store.port';

/** An application as contracts need it (wired from the applications store by the composition root). */
export interface ContractApplication {
  id: string;
  reference: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  borrowerAccountId: string;
  details: ApplicationDetails;
}

/** What contracts need of loan applications. */
export interface ContractApplications {
  find(id: string): Promise<ContractApplication | undefined>;
  /** Moves an approved application to contract_signed (as the system, with its event and evidence); idempotent. */
  markContractSigned(input: { applicationId: string; contractId: string }): Promise<void>;
}

/** What contracts need of identity verification and accounts. */
export interface ContractPeople {
  /**
   * The person the identity authority confirmed for this account, when their verification is complete
   * (face check passed, or face recognition refused and the officer verifies them by video), else undefined.
   */
  verifiedPerson(accountId: string): Promise<VerifiedPerson | undefined>;
  /** A borrower account (individual) by its mobile number. */
  accountByMobile(mobile: string): Promise<{ id: string; role: string } | undefined>;
}

/** The guarantors of an application who accepted their invitation (features/guarantors). */
export interface ContractGuarantors {
  acceptedOf(applicationId: string): Promise<{ accountId: string; mobile: string }[]>;
}

/** The approved terms of an application, or undefined when there are none yet. */
export interface ApprovedTermsSource {
  of(application: ContractApplication): Promise<ApprovedTerms | undefined>;
}

/** Ledger leaves for contracts, queued by the contract store in the same commit. */
export interface ContractEvidence {
  prepare(input: {
    type: 'contract.document' | 'contract.signature';
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

export interface ContractsDeps {
  store: ContractStore;
  documents: ContractDocuments;
  applications: ContractApplications;
  people: ContractPeople;
  guarantors: ContractGuarantors;
  terms: ApprovedTermsSource;
  evidence: ContractEvidence;
  /** The lending bank as the contract names it, in the contract's language. */
  lender(locale: ContractLocale): Lender;
  clock: () => Date;
  newId: () => string;
  /** 32 random bytes (commitment salts). */
  randomSalt: () => Buffer;
}
