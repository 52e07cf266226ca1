import { isKeyName } from './is-key-name';
import { keyId } from './key-id';

/**
 * The verifier key ("vkey") text of a public key, as Go's `sumdb/note` and C2SP use it:
 * `<name>+<hex key ID>+<base64(type || public key)>`. Type 0x01 is a note-signing Ed25519 key, 0x04 a
 * witness cosignature key (c2sp.org/tlog-cosignature).
 */
export function formatVerifierKey(name: string, publicKey: Uint8Array, type = 0x01): string {
  if (!isKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  if ((type === 0x01 || type === 0x04) && publicKey.length !== 32)
    throw new RangeError('an Ed25519 public key is 32 bytes');
  if (publicKey.length === 0) throw new RangeError('empty public key');
  const id = keyId(name, type, publicKey).toString('hex');
  return `${name}+${id}+${Buffer.concat([Uint8Array.of(type), publicKey]).toString('base64')}`;
}
