import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { LegalHoldStore } from './legal-hold-store.port';

export interface LegalHoldsDeps {
  store: LegalHoldStore;
  /** Whether the application exists (wired from the applications store). */
  applicationExists(id: string): Promise<boolean>;
  /** Placing and releasing are anchored in the evidence ledger with their write. */
  evidence: {
    prepare(input: {
      type: 'legal.hold';
      applicationId: string;
      actor: { accountId: string | null; role: string };
      capture?: Capture | undefined;
      record: CanonicalValue;
      at: Date;
    }): Promise<PreparedEvidence>;
    /** Nudges the ledger's sequencer after a commit. */
    sequence(): void;
  };
  clock: () => Date;
  newId: () => string;
}
