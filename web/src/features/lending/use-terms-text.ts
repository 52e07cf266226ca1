import { useTranslation } from 'react-i18next';
import type { repaymentMethods } from '../../../../src/contracts/applications.schema';
import { formatYuan } from '../../shared/money';
import { formatRate } from './lending-format';

type RepaymentMethod = (typeof repaymentMethods)[number];

export interface TermsLike {
  amount?: string;
  nominalAnnualRate?: string;
  termMonths?: number;
  repaymentMethod?: RepaymentMethod;
}

/** Loan terms in one line: "¥80,000.00 · 8.50% · 12 个月 · 等额本息" (whatever parts are given). */
export function useTermsText(): (terms: TermsLike) => string {
  const { t } = useTranslation();
  return (terms) =>
    [
      terms.amount !== undefined && formatYuan(terms.amount),
      terms.nominalAnnualRate !== undefined && formatRate(terms.nominalAnnualRate),
      terms.termMonths !== undefined && t('lending.common.months', { count: terms.termMonths }),
      terms.repaymentMethod !== undefined && t(`repaymentMethods.${terms.repaymentMethod}`),
    ]
      .filter(Boolean)
      .join(' · ');
}
