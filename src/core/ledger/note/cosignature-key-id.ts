import { keyId } from './key-id';

/**
 * The key ID of an Ed25519 witness cosigner (c2sp.org/tlog-cosignature v1.0.1):
 * SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4].
 */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): Buffer {
  return keyId(name, 0x04, publicKey);
}
