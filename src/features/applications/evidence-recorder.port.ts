import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { EvidenceType } from '../../core/ledger/evidence/evidence-leaf';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';

/**
 * What applications need of the evidence ledger (implemented by the ledger feature's use cases,
 * wired in http/compose-deps): a leaf for each step, which the application store writes to the
 * ledger's outbox in the same transaction as the step (so the step and its evidence commit together),
 * and a nudge after the commit so the ledger gives it its index within moments.
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
  /** Nudges the sequencer without waiting (the integrator also drains the outbox on every tick). */
  sequence(): void;
}
