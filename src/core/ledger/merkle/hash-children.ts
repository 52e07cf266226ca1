import { hash } from 'node:crypto';
import { sha256 } from './sha256';

const NODE_PREFIX = Uint8Array.of(0x01);

/**
 * 0x01 || left || right for the common case of two 32-byte hashes, refilled on each call. Safe because
 * hashing is synchronous and the buffer never leaves this module.
 */
const scratch = Buffer.alloc(65);
scratch[0] = 0x01;

/**
 * The RFC 6962 / RFC 9162 interior-node hash SHA-256(0x01 || left || right). Proof verification is a
 * chain of these, so two 32-byte children take a copy-into-scratch path without allocation beyond the
 * digest; other lengths (never produced by this tree) are still hashed correctly.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length === 32 && right.length === 32) {
    scratch.set(left, 1);
    scratch.set(right, 33);
    return hash('sha256', scratch, 'buffer');
  }
  return sha256(NODE_PREFIX, left, right);
}
