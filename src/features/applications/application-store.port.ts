import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { RuleResult } from '../../core/screening/screen-application';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

export interface ApplicationRecord {
  id: string;
  reference: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  version: number;
  productCode: string;
  borrowerAccountId: string;
  details: ApplicationDetails;
  screeningDecision: 'pass' | 'reject' | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
}

/** One line of a list: no personal data beyond the applicant's name. */
export interface ApplicationListItem {
  id: string;
  reference: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  productCode: string;
  amount: string | null;
  termMonths: number | null;
  applicantName: string | null;
  screeningDecision: 'pass' | 'reject' | null;
  submittedAt: Date | null;
  updatedAt: Date;
}

export interface NewEvent {
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  actorAccountId: string | null;
  /** A role, or 'system' for screening and expiry. */
  actorRole: string;
  reason: string | null;
}

export interface EventRecord extends NewEvent {
  seq: number;
  actorName: string | null;
  at: Date;
}

export interface ScreeningRecord {
  decision: 'pass' | 'reject';
  policyVersion: string;
  results: RuleResult[];
  screenedAt: Date;
}

export interface DocumentRecord {
  id: string;
  applicationId: string;
  kind: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface QueueFilter {
  status?: ApplicationStatus | undefined;
  kind?: ApplicationKind | undefined;
  productCode?: string | undefined;
  /** Reference, company name (contains), or exact applicant name / ID number / credit code. */
  q?: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * Applications and everything recorded about them. Each write is one transaction; writes that change
 * the status take the version read and fail (return undefined) if someone changed it meanwhile.
 * Personal data in `details` is encrypted by the adapter.
 */
export interface ApplicationStore {
  create(input: {
    id: string;
    kind: ApplicationKind;
    borrowerAccountId: string;
    details: ApplicationDetails;
    event: NewEvent;
    /** Evidence of the creation, queued for the ledger in the same commit. */
    evidence: PreparedEvidence;
  }): Promise<ApplicationRecord>;
  findById(id: string): Promise<ApplicationRecord | undefined>;
  /** Replaces a draft's details; undefined when the version is stale or the application is no longer a draft. */
  updateDraft(input: {
    id: string;
    kind: ApplicationKind;
    expectedVersion: number;
    details: ApplicationDetails;
  }): Promise<ApplicationRecord | undefined>;
  /** Moves the status, appends the events and (optionally) stores a screening, atomically. */
  transition(input: {
    id: string;
    expectedVersion: number;
    status: ApplicationStatus;
    events: NewEvent[];
    screening?: Omit<ScreeningRecord, 'screenedAt'>;
    isSubmission?: boolean;
    /** Evidence of each event, queued for the ledger in the same commit. */
    evidence: readonly PreparedEvidence[];
  }): Promise<ApplicationRecord | undefined>;
  listByBorrower(input: {
    borrowerAccountId: string;
    page: number;
    pageSize: number;
  }): Promise<{ items: ApplicationListItem[]; total: number }>;
  listQueue(filter: QueueFilter): Promise<{ items: ApplicationListItem[]; total: number }>;
  history(id: string): Promise<EventRecord[]>;
  latestScreening(id: string): Promise<ScreeningRecord | undefined>;
  documents(applicationId: string): Promise<DocumentRecord[]>;
  findDocument(input: { applicationId: string; documentId: string }): Promise<DocumentRecord | undefined>;
  /** Records an uploaded document and queues its evidence for the ledger, in one commit. */
  addDocument(doc: DocumentRecord, evidence: PreparedEvidence): Promise<void>;
  /** Which of the given identifiers are on the blocklist. */
  blocklistMatches(input: {
    idNumbers: string[];
    creditCodes: string[];
  }): Promise<{ idNumbers: string[]; creditCodes: string[] }>;
  addToBlocklist(input: {
    kind: 'id_number' | 'credit_code';
    identifier: string;
    reason: string;
  }): Promise<void>;
  /** Drafts (and stalled reviews) not updated since `before`, oldest first. */
  findStale(input: {
    statuses: ApplicationStatus[];
    before: Date;
    limit: number;
  }): Promise<ApplicationRecord[]>;
}
