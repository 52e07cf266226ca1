import type { ApplicationKind } from '../../core/application/application';
import type { ApplicationStatus } from '../../core/application/lifecycle';
import type { ConditionsChecklist } from '../../core/conditions/checklist';
import type { CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { EvidenceType } from '../../core/ledger/evidence/evidence-leaf';
import type { PreparedEvidence } from '../../core/ledger/evidence/prepared-evidence';
import type { ConditionsStore } from './conditions-store.port';

/** An application as conditions need it (wired from the applications store by the composition root). */
export interface ConditionApplication {
  id: string;
  kind: ApplicationKind;
  productCode: string;
  status: ApplicationStatus;
  borrowerAccountId: string;
}

export interface ConditionsDeps {
  store: ConditionsStore;
  /** The applications (their status, product and borrower). */
  applications: { find(id: string): Promise<ConditionApplication | undefined> };
  /** Evidence files, encrypted like application documents (the document blob store). */
  blobs: { put(bytes: Buffer): Promise<string>; get(key: string): Promise<Buffer | undefined> };
  /** The checklist in force. */
  checklist: ConditionsChecklist;
  /** Every tick, revocation and waiver is anchored in the evidence ledger with its write. */
  evidence: {
    prepare(input: {
      type: EvidenceType;
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
  settings: { maxUploadBytes: number };
}
