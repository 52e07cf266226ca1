import { parseIdNumber, type IdNumberInfo, type IdNumberProblem } from './id-number';

/**
 * Why a person's stated identity does not hold together: the ID number itself (GB 11643), the name's
 * form, or a stated birth date or sex that the ID number contradicts (digits 7-14 are the birth date,
 * the 17th digit's parity the sex).
 */
export type StatedIdentityReason =
  `ID_NUMBER_${IdNumberProblem}` | 'NAME_FORMAT' | 'BIRTH_DATE_MISMATCH' | 'SEX_MISMATCH';

export const statedIdentityReasonText: Record<StatedIdentityReason, { 'zh-CN': string; en: string }> = {
  ID_NUMBER_FORMAT: {
    'zh-CN': '身份证号应为 17 位数字加 1 位数字或 X',
    en: 'The ID number must be 17 digits and a digit or X',
  },
  ID_NUMBER_REGION: { 'zh-CN': '身份证号的地区码不存在', en: 'The ID number’s region code does not exist' },
  ID_NUMBER_BIRTH_DATE: {
    'zh-CN': '身份证号中的出生日期无效',
    en: 'The birth date inside the ID number is not valid',
  },
  ID_NUMBER_CHECK_CHARACTER: {
    'zh-CN': '身份证号校验位不正确',
    en: 'The ID number’s check character is wrong',
  },
  NAME_FORMAT: {
    'zh-CN': '姓名应与身份证一致（2-30 个汉字，少数民族姓名可含“·”）',
    en: 'The name must be as on the ID card (2-30 Chinese characters, “·” allowed)',
  },
  BIRTH_DATE_MISMATCH: {
    'zh-CN': '出生日期与身份证号不符',
    en: 'The birth date does not match the ID number',
  },
  SEX_MISMATCH: { 'zh-CN': '性别与身份证号不符', en: 'The sex does not match the ID number' },
};

/** A name as printed on a resident identity card: CJK characters, with the middle dot of minority names. */
const NAME =
  /^[\u3400-\u4dbf\u4e00-\u9fff\u{20000}-\u{2ebef}]+(?:[·•][\u3400-\u4dbf\u4e00-\u9fff\u{20000}-\u{2ebef}]+)*$/u;

/** The name as compared and stored: surrounding spaces dropped, the dot variants unified to “·”. */
export function normaliseIdentityName(name: string): string {
  return name.trim().replace(/[•・]/g, '·');
}

/**
 * Checks that a person's stated name, and (when given) birth date and sex, agree with their ID number.
 * Returns every reason found, so a form can point at each field; an empty list means it holds together
 * (which says nothing about whether the person exists: that is the identity authority's answer).
 */
export function checkStatedIdentity({
  name,
  idNumber,
  birthDate,
  sex,
  today,
}: {
  name: string;
  idNumber: string;
  /** YYYY-MM-DD, when the person stated it separately. */
  birthDate?: string | undefined;
  sex?: 'male' | 'female' | undefined;
  /** YYYY-MM-DD in China: bounds the birth date. */
  today: string;
}): { ok: true; name: string; info: IdNumberInfo } | { ok: false; reasons: StatedIdentityReason[] } {
  const reasons: StatedIdentityReason[] = [];
  const cleanName = normaliseIdentityName(name);
  const length = [...cleanName].length;
  if (!NAME.test(cleanName) || length < 2 || length > 30) reasons.push('NAME_FORMAT');
  const parsed = parseIdNumber({ number: idNumber, today });
  if (!parsed.ok) return { ok: false, reasons: [`ID_NUMBER_${parsed.problem}`, ...reasons] };
  if (birthDate !== undefined && birthDate !== parsed.info.birthDate) reasons.push('BIRTH_DATE_MISMATCH');
  if (sex !== undefined && sex !== parsed.info.sex) reasons.push('SEX_MISMATCH');
  return reasons.length ? { ok: false, reasons } : { ok: true, name: cleanName, info: parsed.info };
}
