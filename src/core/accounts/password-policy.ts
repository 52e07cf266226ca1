/** Passwords from breach lists that meet the length rule but must still be refused (ASVS 6.2.12). */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  'qwertyuiop',
  '1qaz2wsx3edc',
  'password123',
  'password1234',
  'passw0rd123',
  'iloveyou123',
  'qwerty123456',
  '1234567890a',
  'a1234567890',
  'aaaaaaaaaa',
  '1111111111',
  '0000000000',
  '5201314520',
  '1314520520',
  'woaini1314',
  'abcdefghij',
  'abc1234567',
  'zxcvbnm123',
  'asdfghjkl1',
  'qwertyuiop1',
  'administrator',
  'welcome123',
  'letmein123',
  'sunshine123',
  'princess123',
]);

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON' | 'CONTAINS_MOBILE' | 'ONE_CHARACTER';

/**
 * Password policy: 10–128 characters, not a well-known password, not the mobile number, not one
 * repeated character. Returns the problem, or null when the password is acceptable.
 */
export function checkPassword({
  password,
  mobile,
}: {
  password: string;
  mobile: string;
}): PasswordProblem | null {
  const length = [...password].length;
  if (length < 10) return 'TOO_SHORT';
  if (length > 128) return 'TOO_LONG';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'COMMON';
  if (password.includes(mobile)) return 'CONTAINS_MOBILE';
  if (new Set(password).size === 1) return 'ONE_CHARACTER';
  return null;
}

/** Masks a mobile number for display: 138****8000. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';
}
