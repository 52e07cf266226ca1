import { createPublicKey, type KeyObject } from 'node:crypto';

/** SubjectPublicKeyInfo DER prefix of an Ed25519 public key (RFC 8410): the 32-byte key follows. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * A KeyObject for a raw 32-byte Ed25519 public key (RFC 8032 encoding), for `crypto.verify(null, ...)`.
 * Returns undefined when the bytes are not 32 long or OpenSSL refuses them.
 */
export function ed25519PublicKey(raw: Uint8Array): KeyObject | undefined {
  if (raw.length !== 32) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}
