/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I, O, Z, S, V; the last is a
 * MOD 31 check character over the first 17.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'FORMAT' | 'CHECK_CHARACTER';

export const creditCodeProblemText: Record<CreditCodeProblem, string> = {
  FORMAT: 'must be 18 characters of 0-9 and A-Z except I, O, S, V, Z',
  CHECK_CHARACTER: 'the check character (GB 32100 MOD 31) does not match',
};

/** The GB 32100 check character for the first 17 characters. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Validates a unified social credit code. */
export function checkCreditCode(
  code: string,
): { ok: true; code: string } | { ok: false; problem: CreditCodeProblem; message: string } {
  const c = code.trim().toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c))
    return { ok: false, problem: 'FORMAT', message: creditCodeProblemText.FORMAT };
  if (creditCodeCheckCharacter(c.slice(0, 17)) !== c[17])
    return { ok: false, problem: 'CHECK_CHARACTER', message: creditCodeProblemText.CHECK_CHARACTER };
  return { ok: true, code: c };
}
