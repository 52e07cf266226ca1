import { createHmac, timingSafeEqual } from 'node:crypto';

/** TOTP parameters used by the platform: SHA-1, 6 digits, 30-second steps (what every authenticator app supports). */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** The issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'mianqian 面签';

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (the form authenticator apps expect in otpauth:// URIs). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * RFC 4648 base32 decoding. Case, spaces, hyphens and `=` padding are ignored (people type keys in
 * groups); returns undefined for any other character or for leftover bits that are not zero.
 */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of clean) {
    const value = BASE32_ALPHABET.indexOf(ch);
    if (value < 0) return undefined;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return Buffer.from(out);
}

/**
 * HOTP (RFC 4226): HMAC of the 8-byte big-endian counter, dynamic truncation, `digits` decimal digits.
 * `algorithm` is sha1 for the platform; sha256/sha512 exist for the RFC 6238 test vectors.
 */
export function hotp({
  secret,
  counter,
  digits = TOTP_DIGITS,
  algorithm = 'sha1',
}: {
  secret: Uint8Array;
  counter: number;
  digits?: number;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
}): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, secret).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The TOTP time step (RFC 6238 T) of an instant: whole periods since the Unix epoch. */
export function totpStep({ at, period = TOTP_PERIOD_SECONDS }: { at: Date; period?: number }): number {
  return Math.floor(at.getTime() / 1000 / period);
}

/** The TOTP code (RFC 6238) for an instant. */
export function totpCode({
  secret,
  at,
  digits = TOTP_DIGITS,
  period = TOTP_PERIOD_SECONDS,
  algorithm = 'sha1',
}: {
  secret: Uint8Array;
  at: Date;
  digits?: number;
  period?: number;
  algorithm?: 'sha1' | 'sha256' | 'sha512';
}): string {
  return hotp({ secret, counter: totpStep({ at, period }), digits, algorithm });
}

/**
 * Checks a TOTP code against the steps around `at` (±`window` steps, for clock drift and typing time).
 * Returns the matched step, so that the caller can refuse a step already used (RFC 6238 §5.2: a code
 * must not be accepted twice), or undefined. Compares in constant time.
 */
export function verifyTotp({
  secret,
  code,
  at,
  window = 1,
}: {
  secret: Uint8Array;
  code: string;
  at: Date;
  window?: number;
}): { step: number } | undefined {
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(code)) return undefined;
  const now = totpStep({ at });
  let matched: number | undefined;
  // Every candidate is computed and compared, so the time taken does not depend on which matched.
  for (let step = now - window; step <= now + window; step++) {
    const expected = hotp({ secret, counter: step });
    if (timingSafeEqual(Buffer.from(expected), Buffer.from(code)) && matched === undefined) matched = step;
  }
  return matched === undefined ? undefined : { step: matched };
}

/** The otpauth:// URI an authenticator app reads from the enrolment QR code (Key Uri Format). */
export function otpauthUri({
  secret,
  accountName,
  issuer = TOTP_ISSUER,
}: {
  secret: Uint8Array;
  accountName: string;
  issuer?: string;
}): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params = new URLSearchParams({
    secret: base32Encode(secret),
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString().replace(/\+/g, '%20')}`;
}
