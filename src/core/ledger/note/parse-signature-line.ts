import { decodeBase64 } from './decode-base64';
import { isKeyName } from './is-key-name';
import type { Parsed } from './parsed';

/** A note signature as read from its line; `signature` is the bytes after the 4-byte key ID. */
export interface NoteSignature {
  name: string;
  keyId: Buffer;
  signature: Buffer;
}

/**
 * Reads one signature line, without its final newline: `— <name> <base64(key ID || signature)>`
 * (C2SP signed-note v1.0.0). The decoded bytes must hold the 4-byte key ID and at least one more byte.
 */
export function parseSignatureLine(line: string): Parsed<NoteSignature> {
  if (!line.startsWith('\u2014 ')) return { ok: false, reason: 'does not start with an em dash and a space' };
  const rest = line.slice(2);
  const space = rest.indexOf(' ');
  if (space < 0) return { ok: false, reason: 'no space between key name and signature' };
  const name = rest.slice(0, space);
  if (!isKeyName(name)) return { ok: false, reason: `invalid key name ${JSON.stringify(name)}` };
  const bytes = decodeBase64(rest.slice(space + 1));
  if (bytes === undefined) return { ok: false, reason: 'the signature is not base64' };
  if (bytes.length < 5) return { ok: false, reason: 'the signature is shorter than a key id and one byte' };
  return {
    ok: true,
    value: { name, keyId: Buffer.from(bytes.subarray(0, 4)), signature: Buffer.from(bytes.subarray(4)) },
  };
}
