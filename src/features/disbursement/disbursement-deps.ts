import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { ScheduleRow } from '../../core/contract/contract-data';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ConditionsPrecedent } from './conditions-precedent.port';
import type { DisbursementRecord, DisbursementStore } from './disbursement-store.port';
import type { PaymentGateway } from './payment-gateway.port';

/** An application as disbursement needs it (wired from the applications store by the composition root). */
export interface DisbursementApplication {
  id: string;
  reference: string;
  status: ApplicationStatus;
  borrowerAccountId: string;
}

/** What disbursement needs of loan applications. */
export interface DisbursementApplications {
  find(id: string): Promise<DisbursementApplication | undefined>;
  /**
   * Moves a contract_signed application to disbursed (as the system, with its event and 'disbursement'
   * evidence in one transaction). Idempotent: an application already disbursed is left as it is.
   */
  markDisbursed(input: { disbursement: DisbursementRecord }): Promise<void>;
}

/** A loan's contract as disbursement needs it. */
export interface DisbursementContract {
  id: string;
  contractNumber: string;
  /** 'signed' once every party signed and the bank sealed it. */
  status: string;
  amount: string;
  termMonths: number;
  repaymentMethod: string;
  nominalAnnualRate: string;
  annualisedRate: string;
  disbursementAccount: { accountName: string; bankName: string; accountNumberMasked: string };
  schedule: readonly ScheduleRow[];
}

/** What disbursement needs of contracts (the contracts store's `findByApplication`). */
export interface DisbursementContracts {
  ofApplication(applicationId: string): Promise<DisbursementContract | undefined>;
}

/** Ledger leaves for disbursement requests, queued by the store in the same commit. */
export interface DisbursementEvidence {
  prepare(input: {
    type: 'disbursement';
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): void;
}

/** The dispatcher's steps, where a test-mode fault injector may kill the process (docs/disbursement.md). */
export const dispatchSteps = [
  'before-send',
  'after-mark-sent',
  'after-transfer',
  'after-settle',
  'after-application',
  'after-outbox',
] as const;
export type DispatchStep = (typeof dispatchSteps)[number];

export interface DisbursementDeps {
  store: DisbursementStore;
  gateway: PaymentGateway;
  conditions: ConditionsPrecedent;
  applications: DisbursementApplications;
  contracts: DisbursementContracts;
  evidence: DisbursementEvidence;
  clock: () => Date;
  newId: () => string;
  /** Wakes the dispatcher after a commit that queued a message (the loop finds it anyway). */
  nudge: () => void;
  /** Called at each dispatch step with the message's delivery count; a no-op except under the test-mode fault injector. */
  reached: (step: DispatchStep, attempt: number) => void;
  settings: {
    /** How long a claimed outbox message is left to its claimant before another node takes it. */
    leaseMs: number;
    /** How long an in-flight Idempotency-Key blocks its replays before it is taken over (a dead request). */
    inFlightStaleMs: number;
    /** Delay before the n-th retry of a message (the last repeats). */
    retryDelaysMs: readonly number[];
  };
}
