import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** PKCS #8 DER prefix of an Ed25519 private key (RFC 8410): the 32-byte seed follows. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The Ed25519 key pair for a 32-byte RFC 8032 seed: a private KeyObject for `crypto.sign(null, ...)` and the
 * raw 32-byte public key. Pure: the seed comes from the caller (infra draws it from the CSPRNG).
 */
export function ed25519KeyPair(seed: Uint8Array): { privateKey: KeyObject; publicKey: Buffer } {
  if (seed.length !== 32) throw new RangeError('an Ed25519 seed is 32 bytes');
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  // The SubjectPublicKeyInfo ends with the 32 raw key bytes (RFC 8410).
  return { privateKey, publicKey: Buffer.from(spki.subarray(spki.length - 32)) };
}
