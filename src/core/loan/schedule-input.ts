import type Decimal from 'decimal.js';
import type { RepaymentMethod } from '../application/application';
import { AppError } from '../errors';
import { isYuanString, Yuan } from '../money/money';
import { isCalendarDate } from './calendar-date';
import { dayCounts, type DayCount } from './day-count';

/** 等额本息, 等额本金, 先息后本, 到期一次还本付息 (the ids of `contracts/applications.schema.ts`). */
export const repaymentMethods = [
  'equal_installment',
  'equal_principal',
  'interest_only',
  'bullet',
] as const satisfies readonly RepaymentMethod[];

/** How often instalments fall due: every month or every three months (按月 / 按季). */
export const frequencies = ['monthly', 'quarterly'] as const;
export type Frequency = (typeof frequencies)[number];

/** Longest term accepted: 50 years. */
export const MAX_TERM_MONTHS = 600;

/** Years a drawdown date may have (due dates stay within four-digit years). */
const START_YEARS = { min: 1900, max: 2999 };

const RATE_PATTERN = /^0(\.\d{1,12})?$/;

/** What a schedule is computed from; strings as they arrive from the API or the command line. */
export interface ScheduleInput {
  /** Principal in yuan, positive, at most two decimals ("100000", "2500.50"). */
  amount: string;
  /** Nominal annual interest rate as a decimal fraction, 0 ≤ r < 1, at most 12 decimals ("0.049"). */
  annualRate: string;
  /** Term in months, 1…600; a multiple of 3 for quarterly instalments. */
  termMonths: number;
  method: RepaymentMethod;
  /** Default monthly. Ignored by `bullet`, which has a single instalment at maturity. */
  frequency?: Frequency;
  /** Default 30/360. The ACT conventions need `startDate`. */
  dayCount?: DayCount;
  /** Drawdown date 'YYYY-MM-DD'; due dates fall on the same day of the month (clamped to month end). */
  startDate?: string;
  /** A fee in yuan paid at drawdown (deducted from what the borrower receives); default 0. */
  upfrontFee?: string;
}

/** A validated `ScheduleInput` with defaults filled in and amounts as Decimals. */
export interface ScheduleTerms {
  amount: Decimal;
  annualRate: Decimal;
  termMonths: number;
  method: RepaymentMethod;
  frequency: Frequency;
  dayCount: DayCount;
  startDate: string | undefined;
  upfrontFee: Decimal;
  /** 1 (monthly) or 3 (quarterly); the whole term for `bullet`. */
  monthsPerPeriod: number;
  /** Number of instalments: termMonths / monthsPerPeriod. */
  periods: number;
}

function invalid(field: string, reason: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${reason}`, { field });
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

/**
 * Checks a schedule request and fills in the defaults. Throws AppError('VALIDATION_FAILED') naming the
 * field (in `details.field` and the message) for: an amount that is not a positive fen amount; a rate
 * outside 0 ≤ r < 1 or with more than 12 decimals; a term outside 1…600 months or, when quarterly, not a
 * multiple of 3; an unknown method, frequency or day count; an ACT day count without a start date; a
 * start date that is not a real date in 1900–2999; a fee that is not a fen amount below the amount.
 */
export function validateScheduleInput(input: ScheduleInput): ScheduleTerms {
  const { amount, annualRate, termMonths, method } = input;
  const { frequency = 'monthly', dayCount = '30/360', startDate, upfrontFee = '0' } = input;
  if (typeof amount !== 'string' || !isYuanString(amount) || new Yuan(amount).isZero())
    throw invalid(
      'amount',
      `must be a positive amount in yuan with at most two decimals, got ${String(amount)}`,
    );
  if (typeof annualRate !== 'string' || !RATE_PATTERN.test(annualRate))
    throw invalid(
      'annualRate',
      `must be a decimal fraction 0 ≤ r < 1 with at most 12 decimals (0.049 for 4.9%), got ${String(annualRate)}`,
    );
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS)
    throw invalid(
      'termMonths',
      `must be a whole number of months from 1 to ${MAX_TERM_MONTHS}, got ${termMonths}`,
    );
  if (!isOneOf(repaymentMethods, method))
    throw invalid('method', `must be one of ${repaymentMethods.join(', ')}, got ${String(method)}`);
  if (!isOneOf(frequencies, frequency))
    throw invalid('frequency', `must be one of ${frequencies.join(', ')}, got ${String(frequency)}`);
  if (!isOneOf(dayCounts, dayCount))
    throw invalid('dayCount', `must be one of ${dayCounts.join(', ')}, got ${String(dayCount)}`);
  if (startDate !== undefined) {
    const year = Number(String(startDate).slice(0, 4));
    if (
      typeof startDate !== 'string' ||
      !isCalendarDate(startDate) ||
      year < START_YEARS.min ||
      year > START_YEARS.max
    )
      throw invalid(
        'startDate',
        `must be a real date YYYY-MM-DD in ${START_YEARS.min}–${START_YEARS.max}, got ${String(startDate)}`,
      );
  } else if (dayCount !== '30/360') {
    throw invalid('startDate', `(the drawdown date) is required with ${dayCount}, which counts actual days`);
  }
  if (typeof upfrontFee !== 'string' || !isYuanString(upfrontFee) || new Yuan(upfrontFee).gte(amount))
    throw invalid(
      'upfrontFee',
      `must be an amount in yuan with at most two decimals below the amount, got ${String(upfrontFee)}`,
    );
  const isBullet = method === 'bullet';
  if (!isBullet && frequency === 'quarterly' && termMonths % 3 !== 0)
    throw invalid('termMonths', `must be a multiple of 3 for quarterly instalments, got ${termMonths}`);
  const monthsPerPeriod = isBullet ? termMonths : frequency === 'quarterly' ? 3 : 1;
  return {
    amount: new Yuan(amount),
    annualRate: new Yuan(annualRate),
    termMonths,
    method,
    frequency,
    dayCount,
    startDate,
    upfrontFee: new Yuan(upfrontFee),
    monthsPerPeriod,
    periods: termMonths / monthsPerPeriod,
  };
}
