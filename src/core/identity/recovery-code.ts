import { base32Encode } from './totp';

/** Bytes of randomness in a recovery code: 80 bits, 16 base32 characters. */
export const RECOVERY_CODE_BYTES = 10;
/** Recovery codes issued at a time. */
export const RECOVERY_CODE_COUNT = 10;

/** Formats 10 random bytes as a recovery code people can copy: `ABCD-EFGH-JKLM-NPQR` (base32, 4 groups). */
export function formatRecoveryCode(random: Uint8Array): string {
  if (random.length !== RECOVERY_CODE_BYTES)
    throw new Error(`a recovery code needs ${RECOVERY_CODE_BYTES} bytes`);
  return base32Encode(random).match(/.{4}/g)!.join('-');
}

/**
 * The canonical form of a typed recovery code (upper case, no spaces or hyphens), or undefined when it
 * cannot be one. Stored hashes are of this form.
 */
export function normaliseRecoveryCode(typed: string): string | undefined {
  const clean = typed.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z2-7]{16}$/.test(clean) ? clean : undefined;
}
