/**
 * Salts for the ledger's commitments. Subjects (application ids) and accounts get a salt derived from
 * a server secret, so every leaf of one application carries the same commitment without a lookup;
 * capture details (IP, device, location) get fresh random salts so they cannot be linked across leaves.
 */
export interface LedgerSecrets {
  /**
   * The derived salt of a subject or account and the commitment to it (HMAC-SHA256 keyed by that
   * salt). Deterministic, so adapters may remember recent ones.
   */
  derivedCommitment(purpose: 'subject' | 'account', value: string): { salt: Buffer; commitment: string };
  randomSalt(): Buffer;
}
