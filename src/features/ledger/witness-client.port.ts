/** A witness we ask to cosign our checkpoints (C2SP tlog-witness), with its cosignature verifier key. */
export interface WitnessConfig {
  readonly name: string;
  /** The witness's prefix URL; requests go to `<url>/add-checkpoint`. */
  readonly url: string;
  /** Its cosignature verifier key (C2SP vkey, type 0x04). */
  readonly vkey: string;
}

export type AddCheckpointAnswer =
  | { readonly status: 200; readonly body: string }
  /** The witness knows a different size of our log than we said: it tells us which. */
  | { readonly status: 409; readonly size: number | undefined }
  | { readonly status: number; readonly body: string };

/**
 * Sends a tlog-witness add-checkpoint request. Production: HTTPS to another institution's witness;
 * tests and the demo: another mianqian node (`POST /witness/add-checkpoint`).
 */
export interface WitnessClient {
  addCheckpoint(witness: WitnessConfig, body: string): Promise<AddCheckpointAnswer>;
}
