import { createHash } from 'node:crypto';

/**
 * The 4-byte note key ID (C2SP signed-note v1.0.0): SHA-256(name || 0x0A || type || public key)[:4].
 * `type` is the signature type byte: 0x01 Ed25519, 0x04 timestamped Ed25519 cosignature.
 */
export function keyId(name: string, type: number, publicKey: Uint8Array): Buffer {
  if (!Number.isInteger(type) || type < 0 || type > 0xff) throw new RangeError('key type must be a byte');
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, type))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}
