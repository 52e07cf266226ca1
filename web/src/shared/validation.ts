import type { FormRule as Rule } from 'antd';
import { useTranslation } from 'react-i18next';
import { compareYuan, formatYuan, signedYuanPattern, yuanPattern } from './money';

// These mirror the patterns of src/contracts; the server stays the authority and re-checks everything.
export const mobilePattern = /^(\+?86)?1[3-9][0-9]{9}$/;
export const idNumberPattern = /^[0-9]{17}[0-9Xx]$/;
export const creditCodePattern = /^[0-9A-Za-z]{18}$/;
// eslint-disable-next-line no-control-regex -- the contracts forbid control characters in text fields
const singleLinePattern = /^[^\u0000-\u001f\u007f]*$/;

export function useRules() {
  const { t } = useTranslation();
  return {
    required: (): Rule => ({ required: true, whitespace: true, message: t('validation.required') }),
    mobile: (): Rule => ({ pattern: mobilePattern, message: t('validation.mobile') }),
    password: (): Rule => ({ min: 10, max: 128, message: t('validation.passwordLength') }),
    idNumber: (): Rule => ({ pattern: idNumberPattern, message: t('validation.idNumber') }),
    creditCode: (): Rule => ({ pattern: creditCodePattern, message: t('validation.creditCode') }),
    text: (max: number): Rule[] => [
      { max, message: t('validation.maxLength', { max }) },
      { pattern: singleLinePattern, message: t('validation.singleLine') },
    ],
    longText: (max: number): Rule => ({ max, message: t('validation.maxLength', { max }) }),
    integer: (min: number, max: number): Rule => ({
      type: 'integer',
      min,
      max,
      message: t('validation.integerRange', { min, max }),
    }),
    yuan: (signed = false): Rule => ({
      pattern: signed ? signedYuanPattern : yuanPattern,
      message: t(signed ? 'validation.signedYuan' : 'validation.yuan'),
    }),
    yuanBetween: (min: string, max: string): Rule => ({
      validator: (_, value: unknown) =>
        typeof value !== 'string' ||
        !yuanPattern.test(value) ||
        (compareYuan(value, min) >= 0 && compareYuan(value, max) <= 0)
          ? Promise.resolve()
          : Promise.reject(
              new Error(t('validation.amountRange', { min: formatYuan(min), max: formatYuan(max) })),
            ),
    }),
  };
}
