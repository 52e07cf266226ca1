import type { RepaymentMethod } from '../application/application';
import { buildSchedule } from '../loan/build-schedule';
import { Yuan } from '../money/money';

/** The version of the interview script (话术) in force. */
export const INTERVIEW_SCRIPT_VERSION = 'interview-script-2026.1';
/** Days after signing in which the borrower may withdraw without cost (冷静期). */
export const COOLING_OFF_DAYS = 7;

export type DisclosureKey =
  | 'recording_notice'
  | 'loan_amount'
  | 'interest_rate'
  | 'fees'
  | 'repayment'
  | 'default_consequences'
  | 'right_to_refuse'
  | 'cooling_off';

export interface ScriptItem {
  key: DisclosureKey;
  /** What the officer reads out. */
  text: { 'zh-CN': string; en: string };
  /** The confirmation the borrower is asked for. */
  confirmation: { 'zh-CN': string; en: string };
}

export interface InterviewScript {
  version: string;
  productCode: string;
  terms: {
    amount: string;
    nominalAnnualRate: string;
    /** 年化利率 (fee-inclusive IRR, 6 places). */
    annualisedRate: string;
    termMonths: number;
    repaymentMethod: RepaymentMethod;
    upfrontFee: string;
    instalments: number;
    firstPayment: string;
    totalInterest: string;
    totalPayment: string;
    /** Where the rate came from: the decided terms or the risk assessment's recommendation. */
    rateSource: 'decided' | 'risk_recommendation';
  };
  items: ScriptItem[];
}

const methodNames: Record<RepaymentMethod, { 'zh-CN': string; en: string }> = {
  equal_installment: { 'zh-CN': '等额本息', en: 'equal instalments (principal and interest)' },
  equal_principal: { 'zh-CN': '等额本金', en: 'equal principal' },
  interest_only: { 'zh-CN': '先息后本', en: 'interest only, principal at maturity' },
  bullet: { 'zh-CN': '到期一次还本付息', en: 'principal and interest at maturity' },
};

/** "0.0732" → "7.32%" (up to four places of a percentage, no trailing zeros). */
export function percent(rate: string): string {
  return `${new Yuan(rate).times(100).toDecimalPlaces(4).toFixed()}%`;
}

/**
 * Builds the mandatory disclosures of an interview (话术) from the application's terms: amount, the
 * nominal rate and the fee-inclusive 年化利率 (computed with `buildSchedule`), fees, repayment method
 * and schedule summary, the consequences of default, the right to refuse and the cooling-off period,
 * each in zh-CN and en with the confirmation the borrower gives. Pure; the same terms give the same script.
 */
export function buildInterviewScript({
  productCode,
  productName,
  amount,
  nominalAnnualRate,
  termMonths,
  repaymentMethod,
  upfrontFee = '0',
  rateSource,
}: {
  productCode: string;
  productName: { 'zh-CN': string; en: string };
  amount: string;
  nominalAnnualRate: string;
  termMonths: number;
  repaymentMethod: RepaymentMethod;
  upfrontFee?: string;
  rateSource: 'decided' | 'risk_recommendation';
}): InterviewScript {
  const s = buildSchedule({
    amount,
    annualRate: nominalAnnualRate,
    termMonths,
    method: repaymentMethod,
    upfrontFee,
  });
  const first = s.instalments[0]!;
  const m = methodNames[repaymentMethod];
  const fee = new Yuan(s.upfrontFee);
  const zhConfirm = '请问您是否清楚并确认？';
  const enConfirm = 'Do you understand and confirm this?';
  const item = (
    key: DisclosureKey,
    zh: string,
    en: string,
    confirmation?: { 'zh-CN': string; en: string },
  ) => ({
    key,
    text: { 'zh-CN': zh, en },
    confirmation: confirmation ?? { 'zh-CN': zhConfirm, en: enConfirm },
  });
  const items: ScriptItem[] = [
    item(
      'recording_notice',
      '本次面签将全程录音录像（双录），录像作为您办理本笔贷款的凭证保存。',
      'This interview is recorded in sound and image from start to end and kept as evidence of this loan.',
      { 'zh-CN': '请问您是否同意录音录像？', en: 'Do you agree to the recording?' },
    ),
    item(
      'loan_amount',
      `您申请的产品为「${productName['zh-CN']}」，借款金额人民币 ${s.amount} 元，期限 ${termMonths} 个月。`,
      `You applied for "${productName.en}": a loan of CNY ${s.amount} for ${termMonths} months.`,
    ),
    item(
      'interest_rate',
      `本笔贷款名义年利率为 ${percent(s.nominalAnnualRate)}，按中国人民银行公告〔2021〕第3号计算的年化利率为 ${percent(s.annualRate)}。`,
      `The nominal annual rate is ${percent(s.nominalAnnualRate)}; the annualised rate (APR, PBoC announcement [2021] No. 3) is ${percent(s.annualRate)}.`,
    ),
    item(
      'fees',
      fee.isZero()
        ? '本笔贷款不收取任何手续费、服务费或其他费用。'
        : `本笔贷款在放款时收取费用人民币 ${s.upfrontFee} 元，已计入年化利率。`,
      fee.isZero()
        ? 'No handling, service or other fees are charged on this loan.'
        : `A fee of CNY ${s.upfrontFee} is charged at drawdown and included in the annualised rate.`,
    ),
    item(
      'repayment',
      `还款方式为${m['zh-CN']}，共 ${s.instalments.length} 期，首期应还 ${first.payment} 元，利息合计 ${s.totalInterest} 元，本息合计 ${s.totalPayment} 元。`,
      `Repayment: ${m.en}, ${s.instalments.length} instalment(s); the first is CNY ${first.payment}; interest in total CNY ${s.totalInterest}; principal and interest CNY ${s.totalPayment}.`,
    ),
    item(
      'default_consequences',
      '如未按期足额还款，将按合同计收罚息和复利，逾期记录将报送金融信用信息基础数据库（征信），银行可依法追收并宣布贷款提前到期。',
      'Late or partial payment incurs penalty and compound interest under the contract, is reported to the credit reference database, and lets the bank pursue recovery and call the loan early.',
    ),
    item(
      'right_to_refuse',
      '您有权拒绝签署本笔贷款，拒绝不会产生任何费用或不利后果；任何人不得代替您办理或要求您为他人借款。',
      'You may refuse this loan at no cost or disadvantage; nobody may sign in your place or ask you to borrow on their behalf.',
      {
        'zh-CN': '请问您是否自愿申请本笔贷款？',
        en: 'Are you applying for this loan of your own free will?',
      },
    ),
    item(
      'cooling_off',
      `合同签署后 ${COOLING_OFF_DAYS} 日内为冷静期，放款前您可无理由撤回申请，不承担费用。`,
      `You have a cooling-off period of ${COOLING_OFF_DAYS} days after signing: before drawdown you may withdraw without reason or cost.`,
    ),
  ];
  return {
    version: INTERVIEW_SCRIPT_VERSION,
    productCode,
    terms: {
      amount: s.amount,
      nominalAnnualRate: s.nominalAnnualRate,
      annualisedRate: s.annualRate,
      termMonths,
      repaymentMethod,
      upfrontFee: s.upfrontFee,
      instalments: s.instalments.length,
      firstPayment: first.payment,
      totalInterest: s.totalInterest,
      totalPayment: s.totalPayment,
      rateSource,
    },
    items,
  };
}
