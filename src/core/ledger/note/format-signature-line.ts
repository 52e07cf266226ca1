import { isKeyName } from './is-key-name';

/**
 * One note signature line (C2SP signed-note v1.0.0): em dash (U+2014), space, key name, space,
 * base64(4-byte key ID || signature), newline.
 */
export function formatSignatureLine(name: string, keyId: Uint8Array, signature: Uint8Array): string {
  if (!isKeyName(name)) throw new RangeError(`invalid key name ${JSON.stringify(name)}`);
  if (keyId.length !== 4) throw new RangeError('a key id is 4 bytes');
  if (signature.length === 0) throw new RangeError('empty signature');
  return `\u2014 ${name} ${Buffer.concat([keyId, signature]).toString('base64')}\n`;
}
