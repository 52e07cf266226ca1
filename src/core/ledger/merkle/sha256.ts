import { createHash, hash } from 'node:crypto';

/** Inputs up to this many bytes in total are joined in `scratch` and hashed with one call. */
const SCRATCH_BYTES = 4096;

/**
 * Reused for joining small inputs. Safe because hashing is synchronous: nothing else can run between
 * filling it and `hash` returning, and its contents never leave this module.
 */
const scratch = Buffer.alloc(SCRATCH_BYTES);

/**
 * SHA-256 of the concatenation of `parts`, as a new Buffer. This is the ledger's hot path (every proof
 * verification hashes ~log2(size) nodes), so it avoids the `createHash` object per call that costs more
 * than the digest itself for 65-byte inputs: one part, or several small ones copied into a scratch
 * buffer, go through the one-shot `crypto.hash`; only large multi-part inputs stream.
 */
export function sha256(...parts: Uint8Array[]): Buffer {
  if (parts.length === 1) return hash('sha256', parts[0]!, 'buffer');
  let total = 0;
  for (const part of parts) total += part.length;
  if (total <= SCRATCH_BYTES) {
    let offset = 0;
    for (const part of parts) {
      scratch.set(part, offset);
      offset += part.length;
    }
    return hash('sha256', scratch.subarray(0, total), 'buffer');
  }
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}
