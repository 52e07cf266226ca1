import { sign } from 'node:crypto';
import { ed25519KeyPair } from './ed25519-key-pair';
import { isKeyName } from './is-key-name';
import { keyId } from './key-id';
import type { NoteSigner } from './note-signer';

/**
 * A note signer for an Ed25519 key (signature type 0x01, C2SP signed-note v1.0.0 "Ed25519 signatures")
 * from its 32-byte seed. Ed25519 is deterministic, so the same seed and text always give the same note.
 */
export function ed25519Signer(name: string, seed: Uint8Array): NoteSigner & { readonly publicKey: Buffer } {
  if (!isKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  const { privateKey, publicKey } = ed25519KeyPair(seed);
  return {
    name,
    keyId: keyId(name, 0x01, publicKey),
    publicKey,
    sign: (message) => sign(null, message, privateKey),
  };
}
