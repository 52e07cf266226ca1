import type { NoteSigner } from '../../core/ledger/note/note-signer';
import type { LedgerSecrets } from './ledger-secrets.port';
import type { LedgerStore } from './ledger-store.port';
import type { OpeningStore } from './opening-store.port';
import type { WitnessClient, WitnessConfig } from './witness-client.port';
import type { WitnessedLogStore } from './witnessed-log-store.port';

/** The applications a borrower owns, and an application's reference: what the ledger needs to know of them. */
export interface ApplicationDirectory {
  find(id: string): Promise<{ id: string; reference: string; borrowerAccountId: string } | undefined>;
  ofBorrower(accountId: string): Promise<{ id: string; reference: string }[]>;
}

/** Everything the ledger's use cases need, wired once in `http/compose-deps.ts`. */
export interface LedgerDeps {
  readonly store: LedgerStore;
  readonly openings: OpeningStore;
  readonly secrets: LedgerSecrets;
  readonly applications: ApplicationDirectory;
  /** The log's identity: the checkpoint origin line, also the signing key's name. */
  readonly origin: string;
  /** Signs checkpoints (a key file today; an HSM behind the same interface tomorrow). */
  readonly signer: NoteSigner;
  /** The log's verifier key (C2SP vkey). */
  readonly vkey: string;
  /** Witnesses that cosign our checkpoints, and how many cosignatures a checkpoint needs to be published. */
  readonly witnesses: readonly WitnessConfig[];
  readonly requiredCosignatures: number;
  readonly witnessClient: WitnessClient;
  /** This node as a witness for other logs (tlog-witness); undefined when it witnesses none. */
  readonly witness:
    | {
        /** Its cosigning key (C2SP tlog-cosignature, key type 0x04), a file today or an HSM. */
        readonly signer: NoteSigner;
        /** Its cosignature verifier key, for the logs it witnesses to configure. */
        readonly vkey: string;
        /** The logs it witnesses: origin and the log's verifier key. */
        readonly logs: readonly { readonly origin: string; readonly vkey: string }[];
        readonly store: WitnessedLogStore;
      }
    | undefined;
  readonly clock: () => Date;
}
