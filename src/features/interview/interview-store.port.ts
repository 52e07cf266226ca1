import type { InterviewStatus } from '../../core/interview/join-window';
import type { InterviewScript } from '../../core/interview/interview-script';
import type { AskedQuestion, PromptingFlag, ScriptConfirmation } from '../../core/interview/qc-report';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { RoomRole } from './room-access.port';

export type SlotStatus = 'open' | 'taken' | 'cancelled';

/** A time a loan officer offers for interviews. */
export interface SlotRecord {
  id: string;
  officerId: string;
  startsAt: Date;
  durationMinutes: number;
  status: SlotStatus;
  createdAt: Date;
}

export interface SharedLocation {
  latitude: number;
  longitude: number;
  accuracyMeters: number | null;
}

export interface ParticipantRecord {
  accountId: string;
  role: RoomRole;
  displayName: string;
  location: SharedLocation | null;
  locationAt: Date | null;
}

/** The officer's interview form (面签结论). */
export interface InterviewConclusion {
  isIdentityConfirmed: boolean;
  isWillingnessConfirmed: boolean;
  isPromptingAbsent: boolean;
  findings: string;
  outcome: 'pass' | 'fail';
  reasons: string[];
}

export type QcStatus = 'none' | 'waiting' | 'signed_off' | 'returned';

export interface InterviewRecord {
  id: string;
  slotId: string;
  applicationId: string;
  officerId: string;
  borrowerAccountId: string;
  startsAt: Date;
  endsAt: Date;
  status: InterviewStatus;
  version: number;
  createdAt: Date;
  startedAt: Date | null;
  cancelledAt: Date | null;
  script: InterviewScript | null;
  scriptSha256: string | null;
  confirmations: ScriptConfirmation[];
  /** Drawn when the interview starts, in the order asked. */
  questions: AskedQuestion[];
  prompting: PromptingFlag[];
  conclusion: InterviewConclusion | null;
  conclusionSha256: string | null;
  concludedBy: string | null;
  concludedAt: Date | null;
  qcStatus: QcStatus;
  qcBy: string | null;
  qcAt: Date | null;
  qcReason: string | null;
  qcReportSha256: string | null;
  reminderSentAt: Date | null;
  participants: ParticipantRecord[];
}

export type InterviewChanges = Partial<
  Pick<
    InterviewRecord,
    | 'status'
    | 'startedAt'
    | 'cancelledAt'
    | 'script'
    | 'scriptSha256'
    | 'confirmations'
    | 'questions'
    | 'prompting'
    | 'conclusion'
    | 'conclusionSha256'
    | 'concludedBy'
    | 'concludedAt'
    | 'qcStatus'
    | 'qcBy'
    | 'qcAt'
    | 'qcReason'
    | 'qcReportSha256'
  >
> & { cancelReason?: string };

/**
 * Slots and interviews. Names, answers heard, notes, the conclusion and locations are encrypted at
 * rest. A slot is taken by exactly one interview (conditional update); an application has at most one
 * live interview. Evidence goes to the ledger's outbox in the same transaction as the write.
 */
export interface InterviewStore {
  /** Undefined when one of the starts is already offered by this officer (nothing is added then). */
  addSlots(slots: SlotRecord[]): Promise<SlotRecord[] | undefined>;
  findSlot(id: string): Promise<SlotRecord | undefined>;
  listSlots(input: {
    officerId?: string;
    status?: SlotStatus;
    from?: Date;
    limit: number;
  }): Promise<SlotRecord[]>;
  /** Cancels an open slot; false when it is not open (taken or cancelled). */
  cancelSlot(input: { id: string }): Promise<boolean>;
  /**
   * Takes the open slot and creates the interview with its participants, in one transaction.
   * 'slot_taken' when the slot is no longer open; 'application_busy' when the application already has
   * a live interview.
   */
  book(input: {
    interview: InterviewRecord;
    evidence: PreparedEvidence[];
  }): Promise<
    { ok: true; interview: InterviewRecord } | { ok: false; reason: 'slot_taken' | 'application_busy' }
  >;
  find(id: string): Promise<InterviewRecord | undefined>;
  liveOf(applicationId: string): Promise<InterviewRecord | undefined>;
  /** Interviews the account takes part in, newest slot first. */
  listForAccount(accountId: string, limit: number): Promise<InterviewRecord[]>;
  /** Interviews not cancelled, with a slot from `from`, or concluded and waiting for QC. */
  listForStaff(input: { from: Date; limit: number }): Promise<InterviewRecord[]>;
  /**
   * Applies `changes` if the interview is still at `expectedVersion` (undefined otherwise); with
   * `slotStatus`, sets the slot's status too (a cancelled interview frees or cancels its slot).
   */
  update(input: {
    id: string;
    expectedVersion: number;
    changes: InterviewChanges;
    slotStatus?: SlotStatus;
    evidence: PreparedEvidence[];
  }): Promise<InterviewRecord | undefined>;
  /** Scheduled interviews starting in [from, to] with no reminder sent yet. */
  dueReminders(input: { from: Date; to: Date }): Promise<InterviewRecord[]>;
  /** Marks the reminder sent; false when it was already (another node sent it). */
  markReminded(input: { id: string; at: Date }): Promise<boolean>;
  setLocation(input: {
    interviewId: string;
    accountId: string;
    location: SharedLocation;
    at: Date;
  }): Promise<void>;
}
