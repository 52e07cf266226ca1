/**
 * The outcome of verifying a proof. Verification never throws: a bad proof from an untrusted party is an
 * expected result, and `reason` says which check failed (for logs, not for programs to branch on).
 */
export type ProofCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };
