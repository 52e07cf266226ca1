import type { DisbursementStatus } from '../../core/disbursement/disbursement-status';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ReconciliationReport } from '../../contracts/disbursement.schema';

/** A loan's disbursement and where it stands. */
export interface DisbursementRecord {
  id: string;
  applicationId: string;
  contractId: string;
  amount: string;
  currency: 'CNY';
  status: DisbursementStatus;
  endToEndId: string;
  requestedBy: string;
  requestedAt: Date;
  sentAt: Date | null;
  settledAt: Date | null;
  failedAt: Date | null;
  failureReason: string | null;
  gatewayReference: string | null;
}

/** What looking up an Idempotency-Key found (draft-ietf-httpapi-idempotency-key-header). */
export type IdempotencyClaim =
  /** New key (or a stale in-flight one taken over): this request goes ahead. */
  | { kind: 'claimed' }
  /** Done before with the same request: its stored answer. */
  | { kind: 'replay'; status: number; body: unknown }
  /** The first request with this key is still being processed. */
  | { kind: 'in_flight' }
  /** The key was used for a different request. */
  | { kind: 'mismatch' };

/** A message of the disbursement outbox: "send this disbursement's payment and finish it". */
export interface OutboxMessage {
  id: string;
  disbursementId: string;
  attempts: number;
}

/** A day's reconciliation as the daily job (or an operator's re-run) stored it. */
export interface StoredReconciliationReport {
  /** The China calendar day reconciled, YYYY-MM-DD. */
  day: string;
  ranAt: Date;
  matched: number;
  mismatches: number;
  isBalanced: boolean;
  report: ReconciliationReport;
}

export interface DisbursementStore {
  /**
   * Records an Idempotency-Key as in flight for this caller, unless it exists: then says whether the
   * stored request matches. An in-flight record locked before `staleBefore` (its process died) is
   * taken over.
   */
  claimIdempotencyKey(input: {
    accountId: string;
    key: string;
    fingerprint: string;
    now: Date;
    staleBefore: Date;
  }): Promise<IdempotencyClaim>;
  /**
   * Forgets an in-flight key whose request failed (nothing is stored for failures). With `lockedAt`
   * (the `now` of the claim), only that claim is forgotten: a key another request took over since
   * (stale) stays with it, so a third one still gets IDEMPOTENCY_KEY_IN_FLIGHT.
   */
  releaseIdempotencyKey(input: { accountId: string; key: string; lockedAt?: Date }): Promise<void>;
  /**
   * In one transaction: the disbursement, its outbox message, its evidence, and the key's stored
   * answer. DISBURSEMENT_EXISTS if the loan already has a live disbursement.
   */
  createRequested(input: {
    disbursement: DisbursementRecord;
    evidence: readonly PreparedEvidence[];
    idempotency: { accountId: string; key: string; responseStatus: number; responseBody: unknown };
    at: Date;
  }): Promise<void>;
  findById(id: string): Promise<DisbursementRecord | undefined>;
  findByEndToEndId(endToEndId: string): Promise<DisbursementRecord | undefined>;
  /** The loan's disbursements, newest first (at most one not failed). */
  listByApplication(applicationId: string): Promise<DisbursementRecord[]>;
  /** Disbursements requested in [from, to). */
  listRequestedBetween(range: { from: Date; to: Date }): Promise<DisbursementRecord[]>;
  /** Guarded moves (only from the states the state machine allows); false when nothing changed. */
  markSent(input: { id: string; at: Date }): Promise<boolean>;
  markSettled(input: { id: string; at: Date; reference: string }): Promise<boolean>;
  markFailed(input: { id: string; at: Date; reason: string; reference: string | null }): Promise<boolean>;
  /**
   * Pending outbox messages that are due, each leased until `now + leaseMs` (`ignoresLeases`: a node
   * that just started takes over every pending message, since the work is idempotent).
   */
  claimOutbox(input: {
    now: Date;
    leaseMs: number;
    limit: number;
    ignoresLeases: boolean;
  }): Promise<OutboxMessage[]>;
  completeOutbox(input: { id: string; at: Date }): Promise<void>;
  retryOutbox(input: { id: string; availableAt: Date; error: string }): Promise<void>;
  /**
   * Stores a day's reconciliation report (its day is `report.date`). Without `replaces`, a day
   * already stored is left as it is (another node got there first) and the answer is false; with it,
   * the stored report is replaced (an operator's re-run).
   */
  saveReconciliationReport(input: {
    report: ReconciliationReport;
    ranAt: Date;
    replaces: boolean;
  }): Promise<boolean>;
  /** The latest day with a stored report, YYYY-MM-DD; undefined when none is stored. */
  lastReconciledDay(): Promise<string | undefined>;
  /** Stored reports, newest day first. */
  listReconciliationReports(input: { limit: number }): Promise<StoredReconciliationReport[]>;
}
