/**
 * A leaf ready for the log: its bytes (canonical JSON), their RFC 6962 leaf hash, the subject
 * commitment it is filed under, and its sealed openings. Business transactions carry these into the ledger's outbox so that
 * a change and the evidence of it commit together.
 */
export interface PreparedEvidence {
  readonly entry: Buffer;
  readonly leafHash: Buffer;
  readonly subject: string | null;
  /** How to open the leaf's commitments and record, sealed (encrypted) by the ledger's opening store. */
  readonly openings?: string | undefined;
}
