import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

/** A legal hold (诉讼保全/证据保全) on an application's evidence. */
export interface LegalHoldRecord {
  id: string;
  applicationId: string;
  reason: string;
  placedBy: string;
  placedByRole: string;
  placedAt: Date;
  released: { by: string; role: string; at: Date; reason: string } | null;
}

/**
 * Legal holds in storage. At most one hold is in force per application (placing a second is refused);
 * a hold is released, never deleted. Each write commits with its ledger leaf.
 */
export interface LegalHoldStore {
  /** Newest first. */
  listByApplication(applicationId: string): Promise<LegalHoldRecord[]>;
  /** Whether a hold is in force on the application (the retention jobs ask). */
  isHeld(applicationId: string): Promise<boolean>;
  /** 'held' when another hold is already in force. */
  place(hold: Omit<LegalHoldRecord, 'released'>, evidence: PreparedEvidence[]): Promise<'placed' | 'held'>;
  /** 'not_held' when no hold is in force (or another release came first). */
  release(input: {
    id: string;
    by: string;
    role: string;
    at: Date;
    reason: string;
    evidence: PreparedEvidence[];
  }): Promise<'released' | 'not_held'>;
}
