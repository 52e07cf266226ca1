/**
 * Limits shared by the note parsers and formatters. C2SP signed-note asks verifiers to cap the number of
 * signatures (at least 16 must be accepted); 100 is Go's `sumdb/note` cap. tlog-witness allows at most 63
 * consistency-proof lines; we apply the same cap to tlog-proof inclusion proofs (a tree of fewer than
 * 2^63 leaves never needs more).
 */
export const noteLimits = { maxSignatures: 100, maxProofHashes: 63 } as const;
