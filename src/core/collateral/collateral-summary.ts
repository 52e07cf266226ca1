import Decimal from 'decimal.js';
import type { RepaymentMethod } from '../application/application';
import { buildSchedule } from '../loan/build-schedule';
import { addMonths } from '../loan/calendar-date';
import { formatYuan, roundToFen, Yuan } from '../money/money';
import {
  productCollateralRule,
  type CollateralPolicy,
  type CollateralRequirement,
  type CollateralType,
} from './collateral-policy';

/** Places of every ratio (LTV, coverage, DSCR), rounded half up: "0.7143". */
export const RATIO_PLACES = 4;

/** A ratio as a decimal string with RATIO_PLACES places, half up. */
export function formatRatio(value: Decimal.Value): string {
  return new Yuan(value).toDecimalPlaces(RATIO_PLACES, Decimal.ROUND_HALF_UP).toFixed(RATIO_PLACES);
}

/** appraised × (1 − haircut), rounded half up to fen. */
export function lendableValue({ appraised, haircut }: { appraised: string; haircut: string }): string {
  return formatYuan(new Yuan(appraised).times(new Yuan(1).minus(haircut)));
}

/** Loan-to-value: loan / Σ appraised, RATIO_PLACES places; null when nothing is appraised. */
export function loanToValue({
  loan,
  totalAppraised,
}: {
  loan: string;
  totalAppraised: string;
}): string | null {
  const total = new Yuan(totalAppraised);
  return total.isZero() ? null : formatRatio(new Yuan(loan).dividedBy(total));
}

/** Coverage: Σ lendable / loan, RATIO_PLACES places; null for a zero loan. */
export function coverageRatio({
  totalLendable,
  loan,
}: {
  totalLendable: string;
  loan: string;
}): string | null {
  const l = new Yuan(loan);
  return l.isZero() ? null : formatRatio(new Yuan(totalLendable).dividedBy(l));
}

export interface ValuationFact {
  appraisedValue: string;
  /** YYYY-MM-DD. */
  valuationDate: string;
  /** Order of recording (1, 2, …). */
  seq: number;
}

/**
 * The current valuation of an item: the one with the latest valuation date; of two on the same day
 * the one recorded last. Every other stays as history.
 */
export function currentValuation<V extends ValuationFact>(valuations: readonly V[]): V | undefined {
  let best: V | undefined;
  for (const v of valuations)
    if (
      best === undefined ||
      v.valuationDate > best.valuationDate ||
      (v.valuationDate === best.valuationDate && v.seq > best.seq)
    )
      best = v;
  return best;
}

/** True when a valuation of `valuationDate` is older than `maxAgeMonths` on `today` (both YYYY-MM-DD). */
export function isValuationStale({
  valuationDate,
  today,
  maxAgeMonths,
}: {
  valuationDate: string;
  today: string;
  maxAgeMonths: number;
}): boolean {
  return addMonths(valuationDate, maxAgeMonths) < today;
}

export interface LoanTerms {
  amount: string;
  /** Nominal annual rate, decimal fraction ("0.0420"). */
  annualRate: string;
  termMonths: number;
  method: RepaymentMethod;
}

/** Loan years a term covers: ceil(termMonths / 12). */
export const loanYears = (termMonths: number): number => Math.ceil(termMonths / 12);

/**
 * The loan's debt service per loan year (1 … ceil(term/12)): the sum of the instalments (principal +
 * interest) falling due in months 12(k−1)+1 … 12k of the schedule `buildSchedule` gives (monthly
 * instalments; a bullet's single instalment falls in the last month of the term).
 */
export function annualDebtService(terms: LoanTerms): string[] {
  const schedule = buildSchedule({
    amount: terms.amount,
    annualRate: terms.annualRate,
    termMonths: terms.termMonths,
    method: terms.method,
  });
  const years = Array.from({ length: loanYears(terms.termMonths) }, () => new Yuan(0));
  const monthsPerPeriod = terms.method === 'bullet' ? terms.termMonths : 1;
  for (const i of schedule.instalments) {
    const year = Math.ceil((i.period * monthsPerPeriod) / 12);
    years[year - 1] = years[year - 1]!.plus(i.payment);
  }
  return years.map((y) => y.toFixed(2));
}

export interface DscrYear {
  year: number;
  cashFlow: string;
  debtService: string;
  /** cash flow / debt service, RATIO_PLACES places; null in a year without debt service. */
  dscr: string | null;
}

/**
 * DSCR per loan year: the projected cash flow available for debt service / that year's debt service,
 * and the minimum over the years with debt service (null when none has).
 */
export function debtServiceCoverage({
  terms,
  cashFlows,
}: {
  terms: LoanTerms;
  /** One amount per loan year, year 1 first. */
  cashFlows: readonly string[];
}): { years: DscrYear[]; minimum: string | null } {
  const service = annualDebtService(terms);
  const years = service.map((debtService, index) => {
    const cashFlow = cashFlows[index] ?? '0.00';
    const ds = new Yuan(debtService);
    return {
      year: index + 1,
      cashFlow: roundToFen(cashFlow).toFixed(2),
      debtService,
      dscr: ds.isZero() ? null : formatRatio(new Yuan(cashFlow).dividedBy(ds)),
    };
  });
  let minimum: string | null = null;
  for (const y of years)
    if (y.dscr !== null && (minimum === null || new Yuan(y.dscr).lessThan(minimum))) minimum = y.dscr;
  return { years, minimum };
}

export const collateralBlockerCodes = [
  'COLLATERAL_REQUIRED',
  'COLLATERAL_NOT_VALUED',
  'COLLATERAL_LTV_EXCEEDED',
  'COLLATERAL_VALUATION_STALE',
  'COLLATERAL_PROJECTION_MISSING',
  'COLLATERAL_DSCR_BELOW_MINIMUM',
] as const;
export type CollateralBlockerCode = (typeof collateralBlockerCodes)[number];

export interface CollateralBlocker {
  code: CollateralBlockerCode;
  /** A clear reason for staff, no personal data. */
  message: string;
  details?: Record<string, string | number | null>;
}

export interface CollateralItemFacts<V extends ValuationFact = ValuationFact> {
  id: string;
  type: CollateralType;
  valuations: readonly V[];
}

export interface ItemSummary<V extends ValuationFact> {
  id: string;
  haircut: string;
  current: V | null;
  lendableValue: string | null;
  isStale: boolean;
}

export interface CollateralSummary<V extends ValuationFact = ValuationFact> {
  policyVersion: string;
  requirement: CollateralRequirement;
  isProjectFinance: boolean;
  limits: { maxLtv: string; minDscr: string | null; maxValuationAgeMonths: number };
  items: ItemSummary<V>[];
  /** Σ current appraised values / lendable values of the valued items, fen. */
  totalAppraised: string;
  totalLendable: string;
  /** The loan amount the ratios are computed for (null when the application has none yet). */
  loanAmount: string | null;
  ltv: string | null;
  coverage: string | null;
  /** Project financing only. */
  dscr: { years: DscrYear[]; minimum: string | null } | null;
  blockers: CollateralBlocker[];
}

/**
 * Everything collateral says about an application: per item the current valuation, haircut and
 * lendable value; the totals, LTV and coverage for the loan amount; for project financing the DSCR
 * per year from the projection; and what blocks approving it (see docs/collateral.md).
 *
 * Blockers compare the rounded ratios shown (4 places): LTV > max, minimum DSCR < min.
 */
export function summarizeCollateral<V extends ValuationFact>({
  policy,
  productCode,
  isProjectFinance,
  terms,
  items,
  cashFlows,
  today,
}: {
  policy: CollateralPolicy;
  productCode: string;
  isProjectFinance: boolean;
  /** The loan as it stands (amount being approved); undefined when the application has no terms. */
  terms: LoanTerms | undefined;
  items: readonly CollateralItemFacts<V>[];
  /** The projection, one amount per loan year, or undefined when none was given. */
  cashFlows: readonly string[] | undefined;
  /** YYYY-MM-DD, China date. */
  today: string;
}): CollateralSummary<V> {
  const rule = productCollateralRule(policy, productCode);
  const blockers: CollateralBlocker[] = [];
  let totalAppraised = new Yuan(0);
  let totalLendable = new Yuan(0);
  const itemSummaries = items.map((item): ItemSummary<V> => {
    const haircut = policy.haircuts[item.type];
    const current = currentValuation(item.valuations);
    if (!current) {
      blockers.push({
        code: 'COLLATERAL_NOT_VALUED',
        message: 'A collateral item has no valuation',
        details: { collateralId: item.id },
      });
      return { id: item.id, haircut, current: null, lendableValue: null, isStale: false };
    }
    const lendable = lendableValue({ appraised: current.appraisedValue, haircut });
    totalAppraised = totalAppraised.plus(current.appraisedValue);
    totalLendable = totalLendable.plus(lendable);
    const isStale = isValuationStale({
      valuationDate: current.valuationDate,
      today,
      maxAgeMonths: policy.maxValuationAgeMonths,
    });
    if (isStale)
      blockers.push({
        code: 'COLLATERAL_VALUATION_STALE',
        message: `A collateral valuation is older than ${policy.maxValuationAgeMonths} months; revalue it`,
        details: { collateralId: item.id, valuationDate: current.valuationDate },
      });
    return { id: item.id, haircut, current, lendableValue: lendable, isStale };
  });
  if (rule.requirement === 'required' && items.length === 0)
    blockers.unshift({
      code: 'COLLATERAL_REQUIRED',
      message: `Product ${productCode} requires collateral and none is registered`,
      details: { productCode },
    });

  const appraised = totalAppraised.toFixed(2);
  const lendable = totalLendable.toFixed(2);
  const loan = terms?.amount ?? null;
  const ltv = loan === null ? null : loanToValue({ loan, totalAppraised: appraised });
  const coverage = loan === null ? null : coverageRatio({ totalLendable: lendable, loan });
  if (ltv !== null && new Yuan(ltv).greaterThan(rule.maxLtv))
    blockers.push({
      code: 'COLLATERAL_LTV_EXCEEDED',
      message: `Loan-to-value ${ltv} is above the product maximum ${rule.maxLtv}`,
      details: { ltv, maxLtv: rule.maxLtv, amount: loan },
    });

  let dscr: CollateralSummary<V>['dscr'] = null;
  if (isProjectFinance) {
    const years = terms ? loanYears(terms.termMonths) : 0;
    if (!terms || !cashFlows || cashFlows.length < years) {
      blockers.push({
        code: 'COLLATERAL_PROJECTION_MISSING',
        message: 'Project financing needs a cash-flow projection for every year of the loan',
        details: { years },
      });
    } else {
      dscr = debtServiceCoverage({ terms, cashFlows });
      if (dscr.minimum !== null && new Yuan(dscr.minimum).lessThan(policy.minDscr))
        blockers.push({
          code: 'COLLATERAL_DSCR_BELOW_MINIMUM',
          message: `Debt service coverage ${dscr.minimum} is below the minimum ${policy.minDscr}`,
          details: { minimum: dscr.minimum, minDscr: policy.minDscr },
        });
    }
  }
  return {
    policyVersion: policy.version,
    requirement: rule.requirement,
    isProjectFinance,
    limits: {
      maxLtv: rule.maxLtv,
      minDscr: isProjectFinance ? policy.minDscr : null,
      maxValuationAgeMonths: policy.maxValuationAgeMonths,
    },
    items: itemSummaries,
    totalAppraised: appraised,
    totalLendable: lendable,
    loanAmount: loan,
    ltv,
    coverage,
    dscr,
    blockers,
  };
}
