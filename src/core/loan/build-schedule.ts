import Decimal from 'decimal.js';
import type { RepaymentMethod } from '../application/application';
import { roundToFen, Yuan } from '../money/money';
import { annualisedRate } from './annualised-rate';
import { addMonths } from './calendar-date';
import { dailyRateBasis, yearFraction, type DayCount, type YearFraction } from './day-count';
import { levelPayment } from './level-payment';
import {
  validateScheduleInput,
  type Frequency,
  type ScheduleInput,
  type ScheduleTerms,
} from './schedule-input';

/** One instalment (一期); amounts in yuan as two-place strings. */
export interface Instalment {
  readonly period: number;
  /** Present when the schedule has a start date. */
  readonly dueDate?: string;
  readonly payment: string;
  readonly principal: string;
  readonly interest: string;
  /** Principal outstanding after this instalment (剩余本金). */
  readonly balance: string;
}

/** A repayment schedule (还款计划) with its totals and rates. Rates are decimal fractions as strings. */
export interface LoanSchedule {
  readonly method: RepaymentMethod;
  readonly frequency: Frequency;
  readonly dayCount: DayCount;
  readonly termMonths: number;
  readonly amount: string;
  readonly upfrontFee: string;
  readonly instalments: readonly Instalment[];
  readonly totalInterest: string;
  /** Sum of all instalments (principal + interest), excluding the upfront fee. */
  readonly totalPayment: string;
  /** The contract's nominal annual rate as given ("0.049"). */
  readonly nominalAnnualRate: string;
  /** Nominal rate per repayment period (annual × period length under the day count), 10 places. */
  readonly periodicRate: string;
  /** 月利率: nominal annual / 12, 10 places. */
  readonly monthlyRate: string;
  /** 日利率: nominal annual / 360 (30/360, ACT/360) or / 365 (ACT/365), 10 places. */
  readonly dailyRate: string;
  /** Repayment periods per year used to annualise the IRR (12, 4, or 1 / term for a bullet). */
  readonly periodsPerYear: string;
  /** 年化利率: fee-inclusive IRR × periods per year, 6 places (see `buildSchedule`). */
  readonly annualRate: string;
}

/** Places of `annualRate` (0.0001 percentage points). */
export const ANNUAL_RATE_PLACES = 6;
const NOMINAL_RATE_PLACES = 10;

interface Row {
  period: number;
  dueDate: string | undefined;
  payment: Decimal;
  principal: Decimal;
  interest: Decimal;
  balance: Decimal;
}

/** balance × annual rate × year fraction, one division, rounded half up to fen. */
function accrue(balance: Decimal, annualRate: Decimal, fraction: YearFraction): Decimal {
  return balance
    .times(annualRate.times(fraction.numerator))
    .dividedBy(fraction.denominator)
    .toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

function periodicRows(t: ScheduleTerms): Row[] {
  const { amount, annualRate, dayCount, startDate, periods, monthsPerPeriod: step } = t;
  const zero = new Yuan(0);
  const level =
    t.method === 'equal_installment'
      ? levelPayment({ amount, annualRate, periodsPerYear: 12 / step, periods })
      : undefined;
  const evenPrincipal = t.method === 'equal_principal' ? roundToFen(amount.dividedBy(periods)) : undefined;
  const fixedFraction = dayCount === '30/360' ? yearFraction({ dayCount, months: step }) : undefined;
  const rows: Row[] = [];
  let balance: Decimal = amount;
  let previousDue = startDate;
  for (let period = 1; period <= periods; period++) {
    const dueDate = startDate === undefined ? undefined : addMonths(startDate, period * step);
    const fraction =
      fixedFraction ?? yearFraction({ dayCount, months: step, from: previousDue, to: dueDate });
    const interest = accrue(balance, annualRate, fraction);
    let principal: Decimal;
    if (period === periods) principal = balance;
    else if (level !== undefined) principal = Yuan.max(zero, Yuan.min(level.minus(interest), balance));
    else if (evenPrincipal !== undefined) principal = Yuan.min(evenPrincipal, balance);
    else principal = zero;
    balance = balance.minus(principal);
    rows.push({ period, dueDate, payment: principal.plus(interest), principal, interest, balance });
    previousDue = dueDate;
  }
  return rows;
}

function fixed(d: Decimal, places: number): string {
  const r = d.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  return (r.isZero() ? r.abs() : r).toFixed(places);
}

/**
 * The repayment schedule (还款计划) of a loan, in exact decimals (`Yuan`), every amount in whole fen.
 *
 * Rounding rules (四舍五入到分, half up, applied once per amount):
 * - Interest of each instalment = outstanding balance × annual rate × year fraction of the period
 *   (30/360: 1/12 a month, 1/4 a quarter; ACT/360, ACT/365: actual days of the period / 360 or 365),
 *   computed with one division and rounded to fen.
 * - 等额本息 `equal_installment`: the level payment P·r(1+r)^n/((1+r)^n−1), r = annual / 12 (or / 4),
 *   is rounded to fen; each instalment's principal = level payment − interest; the LAST instalment
 *   repays the whole remaining balance plus its interest, absorbing every rounding residue. Under ACT
 *   the level payment still uses the nominal r while interest follows the actual days, so the last
 *   instalment also settles the day-count difference. Should a period's interest exceed the level
 *   payment (ACT, very high rates and long terms), that instalment pays the interest only.
 * - 等额本金 `equal_principal`: principal per instalment = amount / n rounded to fen, the last
 *   instalment takes the residue; interest on the declining balance.
 * - 先息后本 `interest_only`: interest each period, the whole principal with the last instalment.
 * - 到期一次还本付息 `bullet`: a single instalment at maturity (period 1): principal plus simple
 *   interest for the whole term (30/360: annual × months / 12; ACT: annual × days / basis).
 * - In every method a principal part is never negative nor more than the balance (this only bites
 *   for loans of a few fen, where a rounded-up part would overshoot), so the principal parts sum to
 *   exactly the amount and the balance ends at exactly 0.00.
 *
 * Due dates (with `startDate`) fall on the drawdown's day of the month, clamped to the month's end.
 *
 * `annualRate` (年化利率, PBoC 〔2021〕第3号) is the IRR of the borrower's cash flows (amount − upfront
 * fee at t = 0, each instalment at t = 1…n) times periods per year (12 monthly, 4 quarterly; for a
 * bullet the single period is the term, so 12 / months, or basis / days under ACT), rounded half up to
 * 6 places. Without a fee and under 30/360 it equals the nominal rate except for the fen rounding of
 * interest: the payments' present value at the nominal periodic rate r is P + Σ e_k(1+r)^−k with
 * |e_k| ≤ 0.005, so |i − r| ≤ 0.005·Σ(1+r)^−k / Σ k·p_k(1+ρ)^−(k+1), ρ = max(i, r). That is about
 * 7e−8 a year for 100,000 yuan over 12 months at 4.9% (prints 0.049000), but reaches the 6th place
 * for small loans (about 2e−6 for 1,000 yuan over 12 months at 4.35%: prints 0.043502). Under ACT the
 * IRR also reflects the actual days (ACT/360 is dearer than its nominal rate).
 *
 * Throws AppError('VALIDATION_FAILED') for invalid input (see `validateScheduleInput`).
 */
export function buildSchedule(input: ScheduleInput): LoanSchedule {
  const t = validateScheduleInput(input);
  const { amount, annualRate, dayCount, startDate, termMonths } = t;
  let rows: Row[];
  let fraction: YearFraction; // of one repayment period
  if (t.method === 'bullet') {
    const dueDate = startDate === undefined ? undefined : addMonths(startDate, termMonths);
    fraction = yearFraction({ dayCount, months: termMonths, from: startDate, to: dueDate });
    const interest = accrue(amount, annualRate, fraction);
    const zero = new Yuan(0);
    rows = [
      { period: 1, dueDate, payment: amount.plus(interest), principal: amount, interest, balance: zero },
    ];
  } else {
    fraction = yearFraction({ dayCount: '30/360', months: t.monthsPerPeriod });
    rows = periodicRows(t);
  }
  const periodicRate = annualRate.times(fraction.numerator).dividedBy(fraction.denominator);
  const periodsPerYear = new Yuan(fraction.denominator).dividedBy(fraction.numerator);
  const annual = annualisedRate({
    cashFlows: [amount.minus(t.upfrontFee), ...rows.map((r) => r.payment.negated())],
    periodsPerYear,
    guess: periodicRate,
  });
  const sum = (pick: (r: Row) => Decimal) => rows.reduce((acc, r) => acc.plus(pick(r)), new Yuan(0));
  return {
    method: t.method,
    frequency: t.frequency,
    dayCount,
    termMonths,
    amount: amount.toFixed(2),
    upfrontFee: t.upfrontFee.toFixed(2),
    instalments: rows.map((r) => ({
      period: r.period,
      ...(r.dueDate === undefined ? {} : { dueDate: r.dueDate }),
      payment: r.payment.toFixed(2),
      principal: r.principal.toFixed(2),
      interest: r.interest.toFixed(2),
      balance: r.balance.toFixed(2),
    })),
    totalInterest: sum((r) => r.interest).toFixed(2),
    totalPayment: sum((r) => r.payment).toFixed(2),
    nominalAnnualRate: annualRate.toFixed(),
    periodicRate: fixed(periodicRate, NOMINAL_RATE_PLACES),
    monthlyRate: fixed(annualRate.dividedBy(12), NOMINAL_RATE_PLACES),
    dailyRate: fixed(annualRate.dividedBy(dailyRateBasis[dayCount]), NOMINAL_RATE_PLACES),
    periodsPerYear: periodsPerYear.toDecimalPlaces(NOMINAL_RATE_PLACES).toFixed(),
    annualRate: fixed(annual, ANNUAL_RATE_PLACES),
  };
}
