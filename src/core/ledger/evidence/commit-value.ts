import { createHmac } from 'node:crypto';

/**
 * A salted commitment to a value: hex(HMAC-SHA256(key = salt, message = UTF-8 value)). It hides the
 * value (an application id, an IP address, a device) from anyone reading the public log, binds the
 * bank to it, and is opened for a court by disclosing the salt. Salts are 32 random or secretly
 * derived bytes (never chosen by a user), so commitments cannot be brute-forced from guessable values.
 */
export function commitValue(salt: Uint8Array, value: string): string {
  if (salt.length < 16) throw new RangeError('a commitment salt has at least 16 bytes');
  return createHmac('sha256', salt).update(value, 'utf8').digest('hex');
}
