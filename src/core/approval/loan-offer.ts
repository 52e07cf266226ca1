import type { RepaymentMethod } from '../application/application';
import { AppError } from '../errors';
import { buildSchedule } from '../loan/build-schedule';
import { isYuanString, parseYuan, Yuan } from '../money/money';

/** The terms a case decides on: requested, revised by an approver, finally approved. */
export interface LoanOffer {
  /** Yuan, two places. */
  readonly amount: string;
  /** Nominal annual rate, decimal fraction with four places ("0.0850"). */
  readonly nominalAnnualRate: string;
  readonly termMonths: number;
  readonly repaymentMethod: RepaymentMethod;
}

/** What an approver may change: amount, rate, term (the repayment method stays the borrower's choice). */
export interface TermsChange {
  readonly amount?: string | undefined;
  readonly nominalAnnualRate?: string | undefined;
  readonly termMonths?: number | undefined;
}

/** What the borrower is shown before accepting revised terms (借款要素告知). */
export interface OfferDisclosure extends LoanOffer {
  /** The first instalment; for 等额本息 every instalment but the last (which takes the residue). */
  readonly firstPayment: string;
  readonly lastPayment: string;
  readonly totalInterest: string;
  readonly totalPayment: string;
  /** 年化利率: the IRR of the borrower's cash flows × periods per year, six places. */
  readonly annualRate: string;
}

const RATE = /^0\.\d{1,4}$/;

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('APPROVAL_TERMS_INVALID', message, { field, ...details });

/**
 * The terms after an approver's change, checked against the limits: the amount within the product's
 * range and never above what the borrower asked for (the bank does not lend more than was requested,
 * and so a revision never moves a case into a band above the one that approved it); the term within
 * the product's range; the rate within the risk policy's floor and cap, at most four places. Throws
 * APPROVAL_TERMS_INVALID (details.field) otherwise, and when nothing changes.
 */
export function reviseTerms({
  current,
  requestedAmount,
  change,
  product,
  rateLimits,
}: {
  current: LoanOffer;
  requestedAmount: string;
  change: TermsChange;
  product: { minAmount: string; maxAmount: string; minTermMonths: number; maxTermMonths: number };
  rateLimits: { rateFloor: string; rateCap: string };
}): LoanOffer {
  let amount = current.amount;
  if (change.amount !== undefined) {
    if (!isYuanString(change.amount)) throw invalid('amount', 'The amount is not a yuan amount');
    const a = parseYuan(change.amount);
    const max = Yuan.min(parseYuan(product.maxAmount), parseYuan(requestedAmount));
    if (a.lessThan(parseYuan(product.minAmount)) || a.greaterThan(max))
      throw invalid('amount', 'The amount is outside the product’s range or above the amount requested', {
        min: product.minAmount,
        max: max.toFixed(2),
      });
    amount = a.toFixed(2);
  }
  let nominalAnnualRate = current.nominalAnnualRate;
  if (change.nominalAnnualRate !== undefined) {
    if (!RATE.test(change.nominalAnnualRate))
      throw invalid('nominalAnnualRate', 'The rate must be a decimal fraction with at most four places');
    const r = new Yuan(change.nominalAnnualRate);
    if (r.lessThan(rateLimits.rateFloor) || r.greaterThan(rateLimits.rateCap))
      throw invalid('nominalAnnualRate', 'The rate is outside the risk policy’s floor and cap', {
        min: rateLimits.rateFloor,
        max: rateLimits.rateCap,
      });
    nominalAnnualRate = r.toFixed(4);
  }
  let termMonths = current.termMonths;
  if (change.termMonths !== undefined) {
    const t = change.termMonths;
    if (!Number.isInteger(t) || t < product.minTermMonths || t > product.maxTermMonths)
      throw invalid('termMonths', 'The term is outside the product’s range', {
        min: product.minTermMonths,
        max: product.maxTermMonths,
      });
    termMonths = t;
  }
  const revised = { amount, nominalAnnualRate, termMonths, repaymentMethod: current.repaymentMethod };
  if (isSameOffer(revised, current))
    throw invalid('terms', 'The revised terms are the same as the current ones');
  return revised;
}

/** True when two offers have the same terms (amounts and rates compared as decimals). */
export function isSameOffer(a: LoanOffer, b: LoanOffer): boolean {
  return (
    new Yuan(a.amount).equals(b.amount) &&
    new Yuan(a.nominalAnnualRate).equals(b.nominalAnnualRate) &&
    a.termMonths === b.termMonths &&
    a.repaymentMethod === b.repaymentMethod
  );
}

/** The disclosure of an offer: its schedule's payments, totals and 年化利率 (core/loan, monthly, 30/360, no fee). */
export function discloseOffer(offer: LoanOffer): OfferDisclosure {
  const schedule = buildSchedule({
    amount: offer.amount,
    annualRate: offer.nominalAnnualRate,
    termMonths: offer.termMonths,
    method: offer.repaymentMethod,
  });
  const first = schedule.instalments[0]!;
  const last = schedule.instalments[schedule.instalments.length - 1]!;
  return {
    ...offer,
    firstPayment: first.payment,
    lastPayment: last.payment,
    totalInterest: schedule.totalInterest,
    totalPayment: schedule.totalPayment,
    annualRate: schedule.annualRate,
  };
}
