import { createHash } from 'node:crypto';
import { canonicalJson, type CanonicalValue } from './canonical-json';

/**
 * The SHA-256 (hex) of a record's canonical JSON: what a leaf attests. The record itself (which may
 * hold personal data) stays in the bank's database; the evidence package carries it so a verifier
 * can recompute this digest.
 */
export function recordDigest(record: CanonicalValue): string {
  return digestOfCanonicalJson(canonicalJson(record));
}

/** The same digest when the canonical JSON is already at hand. */
export function digestOfCanonicalJson(json: string): string {
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
