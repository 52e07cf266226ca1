import { createHash } from 'node:crypto';
import { canonicalJson, type CanonicalValue } from '../ledger/evidence/canonical-json';

/**
 * Idempotency-Key handling that needs no I/O (draft-ietf-httpapi-idempotency-key-header): parsing the
 * header and fingerprinting the request it came with.
 */

/**
 * The key from an `Idempotency-Key` header: a structured-field string (`"8e03978e-…"`, as the draft
 * writes it) or the same characters bare (as Stripe's clients send them); 1 to 255 visible ASCII
 * characters, no quote or backslash inside. Undefined when missing or malformed.
 */
export function parseIdempotencyKey(header: string | readonly string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const quoted = /^"(.*)"$/.exec(header);
  const key = quoted ? quoted[1]! : header;
  return /^[\x21\x23-\x5b\x5d-\x7e]{1,255}$/.test(key) ? key : undefined;
}

/**
 * SHA-256 of the canonical JSON (RFC 8785) of what makes two requests "the same": method, the route
 * with its concrete path (so the loan is part of it), the caller's account and the body. The same key
 * with another fingerprint is a different request (422); keys are also stored per caller, so another
 * user's key never even finds this record.
 */
export function requestFingerprint({
  method,
  path,
  callerAccountId,
  body,
}: {
  method: string;
  path: string;
  callerAccountId: string;
  body: CanonicalValue;
}): string {
  return createHash('sha256')
    .update(canonicalJson({ method: method.toUpperCase(), path, caller: callerAccountId, body }))
    .digest('hex');
}
