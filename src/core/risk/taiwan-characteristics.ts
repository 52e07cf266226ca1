import type { Derivation } from './scorecard-model';

/** A characteristic the trainer may consider: how to compute it and whether it is binned as numbers or categories. */
export interface CandidateCharacteristic {
  name: string;
  type: 'numeric' | 'categorical';
  derivation: Derivation;
}

const input = (name: string): Derivation => ({ op: 'input', name });
const ratio = (numerator: Derivation, denominator: Derivation): Derivation => ({
  op: 'ratio',
  numerator,
  denominator,
});
const sum = (...of: Derivation[]): Derivation => ({ op: 'sum', of });
const mean = (...of: Derivation[]): Derivation => ({ op: 'mean', of });
const max = (...of: Derivation[]): Derivation => ({ op: 'max', of });
const min = (...of: Derivation[]): Derivation => ({ op: 'min', of });
const difference = (minuend: Derivation, subtrahend: Derivation): Derivation => ({
  op: 'difference',
  minuend,
  subtrahend,
});
const countAbove = (threshold: number, ...of: Derivation[]): Derivation => ({
  op: 'countAbove',
  of,
  threshold,
});

/** Repayment status, most recent first: Sep (PAY_0), Aug … Apr 2005 (there is no PAY_1). */
const pay = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'].map(input);
/** Bill statements, Sep … Apr. */
const bill = [1, 2, 3, 4, 5, 6].map((m) => input(`BILL_AMT${m}`));
/** Payments made in Sep … Apr (the payment in month m settles the bill of month m + 1). */
const paid = [1, 2, 3, 4, 5, 6].map((m) => input(`PAY_AMT${m}`));
const limit = input('LIMIT_BAL');

/**
 * Derived characteristics for the Taiwan credit-card data (UCI 350): repayment-delay history, credit
 * utilisation, how much of each bill gets paid, and their trends. Inputs only — never SEX, MARRIAGE or
 * AGE. The trainer keeps those that carry information (IV) and are not redundant with a stronger one.
 */
export const taiwanCharacteristics: CandidateCharacteristic[] = [
  // The latest statuses as categories: −2, −1, 0 and each delay behave differently.
  { name: 'PAY_0', type: 'categorical', derivation: pay[0]! },
  { name: 'PAY_2', type: 'categorical', derivation: pay[1]! },
  { name: 'EDUCATION', type: 'categorical', derivation: input('EDUCATION') },
  { name: 'max_delay_6m', type: 'numeric', derivation: max(...pay) },
  { name: 'max_delay_3m', type: 'numeric', derivation: max(pay[0]!, pay[1]!, pay[2]!) },
  { name: 'max_delay_prior_5m', type: 'numeric', derivation: max(...pay.slice(1)) },
  { name: 'months_delayed_6m', type: 'numeric', derivation: countAbove(0, ...pay) },
  { name: 'months_delayed_3m', type: 'numeric', derivation: countAbove(0, pay[0]!, pay[1]!, pay[2]!) },
  { name: 'months_revolving_6m', type: 'numeric', derivation: countAbove(-1, ...pay) },
  { name: 'months_inactive_6m', type: 'numeric', derivation: countAbove(-2, ...pay) },
  { name: 'delay_sum_6m', type: 'numeric', derivation: sum(...pay) },
  { name: 'delay_trend', type: 'numeric', derivation: difference(pay[0]!, max(...pay.slice(1))) },
  {
    name: 'pay_status_recent',
    type: 'categorical',
    // 10 × PAY_0 + PAY_2 as one code: the last two months' statuses together.
    derivation: sum(...Array.from({ length: 10 }, () => pay[0]!), pay[1]!),
  },
  { name: 'utilisation_1m', type: 'numeric', derivation: ratio(bill[0]!, limit) },
  { name: 'utilisation_mean_6m', type: 'numeric', derivation: ratio(mean(...bill), limit) },
  { name: 'utilisation_max_6m', type: 'numeric', derivation: ratio(max(...bill), limit) },
  { name: 'utilisation_trend_3m', type: 'numeric', derivation: ratio(difference(bill[0]!, bill[2]!), limit) },
  { name: 'utilisation_trend_6m', type: 'numeric', derivation: ratio(difference(bill[0]!, bill[5]!), limit) },
  { name: 'headroom_1m', type: 'numeric', derivation: difference(limit, bill[0]!) },
  { name: 'payment_ratio_1m', type: 'numeric', derivation: ratio(paid[0]!, bill[1]!) },
  { name: 'payment_ratio_2m', type: 'numeric', derivation: ratio(paid[1]!, bill[2]!) },
  {
    name: 'payment_ratio_3m',
    type: 'numeric',
    derivation: ratio(sum(paid[0]!, paid[1]!, paid[2]!), sum(bill[1]!, bill[2]!, bill[3]!)),
  },
  {
    name: 'payment_ratio_5m',
    type: 'numeric',
    derivation: ratio(sum(...paid.slice(0, 5)), sum(...bill.slice(1))),
  },
  { name: 'payment_to_limit_6m', type: 'numeric', derivation: ratio(mean(...paid), limit) },
  { name: 'payment_to_limit_1m', type: 'numeric', derivation: ratio(paid[0]!, limit) },
  { name: 'payment_sum_3m', type: 'numeric', derivation: sum(paid[0]!, paid[1]!, paid[2]!) },
  { name: 'payment_min_6m', type: 'numeric', derivation: min(...paid) },
  { name: 'months_paid_6m', type: 'numeric', derivation: countAbove(0, ...paid) },
  { name: 'months_paid_3m', type: 'numeric', derivation: countAbove(0, paid[0]!, paid[1]!, paid[2]!) },
  { name: 'unpaid_to_limit_1m', type: 'numeric', derivation: ratio(difference(bill[1]!, paid[0]!), limit) },
  { name: 'bill_mean_6m', type: 'numeric', derivation: mean(...bill) },
];

/** Repayment status 0…7 → one month later (−2, −1 and 0 are not ordered delays, so only 0…7 move). */
const oneMoreMonth = (x: number) => (x >= 0 && x < 8 ? x + 1 : null);

/**
 * Record changes on the Taiwan inputs that plainly worsen or improve a record, under which a challenger
 * must explain applicants at least as consistently as the scorecard (see `ConsistencyCheck`).
 */
export const taiwanConsistencyChecks = [
  {
    label: { 'zh-CN': '最近一期还款晚一个月（PAY_0 +1）', en: 'latest repayment one month later (PAY_0 +1)' },
    input: 'PAY_0',
    change: oneMoreMonth,
    isWorse: true,
  },
  {
    label: { 'zh-CN': '上一期还款晚一个月（PAY_2 +1）', en: 'previous repayment one month later (PAY_2 +1)' },
    input: 'PAY_2',
    change: oneMoreMonth,
    isWorse: true,
  },
  {
    label: { 'zh-CN': '授信额度提高 20%（LIMIT_BAL）', en: 'credit limit 20% higher (LIMIT_BAL)' },
    input: 'LIMIT_BAL',
    change: (x: number) => x * 1.2,
    isWorse: false,
  },
  {
    label: { 'zh-CN': '最近一期还款金额增加 50%（PAY_AMT1）', en: 'latest payment 50% larger (PAY_AMT1)' },
    input: 'PAY_AMT1',
    change: (x: number) => (x > 0 ? x * 1.5 : null),
    isWorse: false,
  },
] as const;
