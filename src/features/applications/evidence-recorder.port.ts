import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { EvidenceType } from '../../core/ledger/evidence/evidence-leaf';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

/**
 * What applications need of the evidence ledger (implemented by the ledger feature's use cases,
 * wired in http/compose-deps): a leaf for each step, which the application store writes to the
 * ledger's outbox in the same transaction as the step, and a nudge after the commit so the step is
 * sequenced before the caller hears of it.
 */
export interface EvidenceRecorder {
  prepare(input: {
    type: EvidenceType;
    applicationId: string;
    actor: { accountId: string | null; role: string };
    capture?: Capture | undefined;
    record: CanonicalValue;
    at: Date;
  }): Promise<PreparedEvidence>;
  sequence(): Promise<void>;
}
