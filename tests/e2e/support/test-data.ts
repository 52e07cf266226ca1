import { samplePdf } from '../../../src/cli/seed-demo';
import { idNumberCheckCharacter } from '../../../src/core/identity/id-number';

/** A random mainland mobile number 13xxxxxxxxx, so every run registers a new borrower. */
export function randomMobile(): string {
  return `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
}

/**
 * A valid 18-character resident ID number (GB 11643, MOD 11-2 check character) for a man from
 * Beijing Chaoyang (110105) who is `age` years old today.
 */
export function idNumberForAge(age: number, today = new Date()): string {
  const birth = `${today.getFullYear() - age}0307`;
  const sequence = String(100 + Math.floor(Math.random() * 450) * 2 + 1).slice(-3); // odd: male
  const first17 = `110105${birth}${sequence}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** A minimal valid one-page PDF, without scripts or embedded files (the server refuses those). */
export const minimalPdf = samplePdf;
