/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence (odd for
 * men, even for women), and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */

/** Why an ID number is not valid; stable codes, with English text for logs and CLIs. */
export type IdNumberProblem = 'FORMAT' | 'REGION' | 'BIRTH_DATE' | 'CHECK_CHARACTER';

export const idNumberProblemText: Record<IdNumberProblem, string> = {
  FORMAT: 'must be 17 digits followed by a digit or X',
  REGION: 'the first two digits are not a province-level region code',
  BIRTH_DATE: 'digits 7-14 are not a real birth date in the past',
  CHECK_CHARACTER: 'the check character (ISO 7064 MOD 11-2) does not match',
};

export interface IdNumberInfo {
  /** Canonical form, upper-case X. */
  readonly number: string;
  readonly regionCode: string;
  /** Birth date as YYYY-MM-DD. */
  readonly birthDate: string;
  readonly sex: 'male' | 'female';
}

export type IdNumberResult =
  { ok: true; info: IdNumberInfo } | { ok: false; problem: IdNumberProblem; message: string };

/** Province-level codes (the first two digits) of GB/T 2260, including 71 Taiwan, 81 Hong Kong, 82 Macau. */
const PROVINCE_CODES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when y-m-d is a real calendar date. */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[m - 1]!;
}

/**
 * Validates an 18-digit resident identity number. `today` (YYYY-MM-DD) bounds the birth date: nobody
 * is born in the future or before 1900.
 */
export function parseIdNumber({ number, today }: { number: string; today: string }): IdNumberResult {
  const fail = (problem: IdNumberProblem): IdNumberResult => ({
    ok: false,
    problem,
    message: idNumberProblemText[problem],
  });
  const n = number.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(n)) return fail('FORMAT');
  if (!PROVINCE_CODES.has(n.slice(0, 2))) return fail('REGION');
  const y = Number(n.slice(6, 10));
  const m = Number(n.slice(10, 12));
  const d = Number(n.slice(12, 14));
  const birthDate = `${n.slice(6, 10)}-${n.slice(10, 12)}-${n.slice(12, 14)}`;
  if (y < 1900 || !isRealDate(y, m, d) || birthDate > today) return fail('BIRTH_DATE');
  if (idNumberCheckCharacter(n.slice(0, 17)) !== n[17]) return fail('CHECK_CHARACTER');
  return {
    ok: true,
    info: {
      number: n,
      regionCode: n.slice(0, 6),
      birthDate,
      sex: Number(n[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

/** Whole years between `birthDate` and `onDate` (both YYYY-MM-DD); a birthday counts on its day. */
export function ageOn({ birthDate, onDate }: { birthDate: string; onDate: string }): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The date `months` after `date` (YYYY-MM-DD), clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths({ date, months }: { date: string; months: number }): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  let nd = d;
  while (!isRealDate(ny, nm, nd)) nd--;
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}
