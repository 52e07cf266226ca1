import { ed25519KeyPair } from './ed25519-key-pair';
import { isKeyName } from './is-key-name';
import { keyId } from './key-id';

/**
 * The private signer key text of Go's `sumdb/note`, for configuration files:
 * `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || 32-byte Ed25519 seed)>`, where the key ID is that of the
 * public key. Type 0x01 signs notes; 0x04 (our extension of Go's format) holds a witness cosigning seed.
 * The result is a secret: keep it out of logs.
 */
export function formatSignerKey(name: string, seed: Uint8Array, type = 0x01): string {
  if (!isKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  if (type !== 0x01 && type !== 0x04) throw new RangeError('supported key types are 0x01 and 0x04');
  const { publicKey } = ed25519KeyPair(seed);
  const id = keyId(name, type, publicKey).toString('hex');
  return `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Uint8Array.of(type), seed]).toString('base64')}`;
}
