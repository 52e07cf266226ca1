import { verify } from 'node:crypto';
import { decodeBase64 } from './decode-base64';
import { ed25519PublicKey } from './ed25519-public-key';
import { isKeyName } from './is-key-name';
import { keyId } from './key-id';
import type { NoteVerifier } from './note-signer';
import type { Parsed } from './parsed';

/**
 * Reads a verifier key `<name>+<hex key ID>+<base64(type || public key)>` (Go `note.NewVerifier`).
 * Supported types: 0x01 (Ed25519 note signatures) and 0x04 (Ed25519 witness cosignatures; `verify` then
 * checks the raw Ed25519 signature over the message it is given, and `verifyNote` builds the cosigned
 * message). The key ID in the text must equal the one computed from name, type and key.
 */
export function parseVerifierKey(vkey: string): Parsed<NoteVerifier & { publicKey: Buffer }> {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 0 || second < 0) return { ok: false, reason: 'a verifier key is <name>+<key id>+<key>' };
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const keyText = vkey.slice(second + 1);
  if (!isKeyName(name)) return { ok: false, reason: 'invalid key name' };
  if (!/^[0-9a-fA-F]{8}$/.test(idHex)) return { ok: false, reason: 'the key id is not 8 hex digits' };
  const key = decodeBase64(keyText);
  if (key === undefined || key.length === 0) return { ok: false, reason: 'the key is not base64' };
  const type = key[0]!;
  const publicKey = Buffer.from(key.subarray(1));
  if (type !== 0x01 && type !== 0x04)
    return { ok: false, reason: `unsupported key type 0x${type.toString(16).padStart(2, '0')}` };
  const id = keyId(name, type, publicKey);
  if (!id.equals(Buffer.from(idHex, 'hex')))
    return { ok: false, reason: 'the key id does not match the name and key' };
  const keyObject = ed25519PublicKey(publicKey);
  if (keyObject === undefined) return { ok: false, reason: 'not a 32-byte Ed25519 public key' };
  return {
    ok: true,
    value: {
      name,
      keyId: id,
      type,
      publicKey,
      verify: (message, signature) => signature.length === 64 && verify(null, message, keyObject, signature),
    },
  };
}
