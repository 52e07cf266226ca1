import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

/** The evidence file of a tick: stored encrypted in the blob store, its SHA-256 on the ledger. */
export interface ConditionEvidenceFile {
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  blobKey: string;
}

/** A tick (`met`, with its evidence file) or waiver (`waived`, with the approver's reason) of a condition. */
export interface ConditionResolutionRecord {
  id: string;
  applicationId: string;
  code: string;
  checklistVersion: string;
  kind: 'met' | 'waived';
  /** The officer's note (a tick) or the approver's reason (a waiver). */
  note: string;
  file: ConditionEvidenceFile | null;
  resolvedBy: string;
  resolvedByRole: string;
  resolvedAt: Date;
  revoked: { by: string; role: string; at: Date; reason: string } | null;
}

export type ResolveOutcome = 'resolved' | 'already_resolved' | 'disbursement_exists';
export type RevokeOutcome = 'revoked' | 'not_resolved' | 'disbursement_exists';

/**
 * Ticks and waivers of conditions precedent. Each write commits with its ledger evidence in one
 * transaction, and is refused once the loan has a live (not failed) disbursement.
 */
export interface ConditionsStore {
  /** Every resolution of the application, revoked ones included, oldest first. */
  listByApplication(applicationId: string): Promise<ConditionResolutionRecord[]>;
  /** Records a tick or waiver, unless one is already in force for the condition. */
  resolve(record: ConditionResolutionRecord, evidence: readonly PreparedEvidence[]): Promise<ResolveOutcome>;
  /** Revokes the resolution `id`, if it is still in force. */
  revoke(input: {
    applicationId: string;
    id: string;
    by: string;
    role: string;
    at: Date;
    reason: string;
    evidence: readonly PreparedEvidence[];
  }): Promise<RevokeOutcome>;
}
