import { sign } from 'node:crypto';
import { decodeBase64 } from './decode-base64';
import { ed25519KeyPair } from './ed25519-key-pair';
import { isKeyName } from './is-key-name';
import { keyId } from './key-id';
import type { NoteSigner } from './note-signer';
import type { Parsed } from './parsed';

/**
 * Reads a private signer key `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>` (Go
 * `note.NewSigner`). Type 0x01 gives an Ed25519 note signer; type 0x04 gives a witness cosigning key whose
 * `sign` returns the raw Ed25519 signature, meant for `cosignCheckpoint({ signer })` and not for `signNote`.
 * The key ID must be that of the derived public key. The reasons never quote the secret.
 */
export function parseSignerKey(skey: string): Parsed<NoteSigner & { publicKey: Buffer; type: number }> {
  const parts = /^PRIVATE\+KEY\+([^+]*)\+([^+]*)\+(.*)$/s.exec(skey);
  if (parts === null) return { ok: false, reason: 'a signer key is PRIVATE+KEY+<name>+<key id>+<key>' };
  const [, name = '', idHex = '', keyText = ''] = parts;
  if (!isKeyName(name)) return { ok: false, reason: 'invalid key name' };
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) return { ok: false, reason: 'the key id is not 8 hex digits' };
  const key = decodeBase64(keyText);
  if (key === undefined || key.length === 0) return { ok: false, reason: 'the key is not base64' };
  const type = key[0]!;
  if (type !== 0x01 && type !== 0x04)
    return { ok: false, reason: `unsupported key type 0x${type.toString(16).padStart(2, '0')}` };
  if (key.length !== 33) return { ok: false, reason: 'an Ed25519 seed is 32 bytes' };
  const { privateKey, publicKey } = ed25519KeyPair(key.subarray(1));
  const id = keyId(name, type, publicKey);
  if (!id.equals(Buffer.from(idHex, 'hex')))
    return { ok: false, reason: 'the key id does not match the name and key' };
  return {
    ok: true,
    value: { name, keyId: id, type, publicKey, sign: (message) => sign(null, message, privateKey) },
  };
}
