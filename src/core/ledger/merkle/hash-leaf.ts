import { sha256 } from './sha256';

/** RFC 6962 §2.1 domain separation: leaf hashes start with 0x00, interior nodes with 0x01. */
const LEAF_PREFIX = Uint8Array.of(0x00);

/**
 * The RFC 6962 / RFC 9162 leaf hash SHA-256(0x00 || entry). The prefix keeps a leaf from ever hashing
 * like an interior node, so a proof cannot pass off a subtree as an entry (second-preimage attack).
 */
export function hashLeaf(entry: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, entry);
}
