/**
 * A leaf ready for the log: its bytes (canonical JSON), their RFC 6962 leaf hash, and the subject
 * commitment it is filed under. Business transactions carry these into the ledger's outbox so that
 * a change and the evidence of it commit together.
 */
export interface PreparedEvidence {
  readonly entry: Buffer;
  readonly leafHash: Buffer;
  readonly subject: string | null;
}
