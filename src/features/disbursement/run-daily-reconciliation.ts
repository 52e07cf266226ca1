import { AppError } from '../../core/errors';
import type { DisbursementDeps } from './disbursement-deps';
import { reconcileDisbursements } from './reconcile-disbursements';

const DAY_MS = 24 * 3_600_000;
/** China time (UTC+8) less the 06:00 cut-off: the China day of `at + this` is the day whose 06:00 has passed. */
const CUT_OFF_SHIFT_MS = (8 - 6) * 3_600_000;

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => dayOf(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS);

/**
 * The last China calendar day that is complete at `now`: a day D is complete from 06:00 China time
 * (UTC+8) on D+1, once the payment system's statement for D is in.
 */
export function lastCompleteDay(now: Date): string {
  return addDays(dayOf(now.getTime() + CUT_OFF_SHIFT_MS), -1);
}

/**
 * The China calendar days the daily job reconciles at `now`, oldest first: from the day after the
 * last stored one — or, when none is stored, from `maxDaysBack` days back at most — up to the last
 * complete day. A gap after the last stored day is filled whole: a day skipped would never be
 * revisited.
 */
export function reconciliationDaysDue({
  now,
  lastReconciledDay,
  maxDaysBack = 7,
}: {
  now: Date;
  lastReconciledDay: string | undefined;
  maxDaysBack?: number;
}): string[] {
  const last = lastCompleteDay(now);
  const first = lastReconciledDay ? addDays(lastReconciledDay, 1) : addDays(last, 1 - maxDaysBack);
  const days: string[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

/** What the job did for one day. */
export interface ReconciledDay {
  day: string;
  matched: number;
  mismatches: number;
  isBalanced: boolean;
  /** False when another node stored the day first (its report was kept). */
  isStored: boolean;
}

type ReconciliationDeps = Pick<DisbursementDeps, 'store' | 'gateway' | 'clock'>;

async function reconcileAndStore(deps: ReconciliationDeps, day: string, replaces: boolean) {
  const report = await reconcileDisbursements({ deps, date: day });
  const isStored = await deps.store.saveReconciliationReport({ report, ranAt: deps.clock(), replaces });
  return {
    day,
    matched: report.matched,
    mismatches: report.mismatches.length,
    isBalanced: report.ledger.isBalanced,
    isStored,
  } satisfies ReconciledDay;
}

/**
 * The daily reconciliation job (日终对账): reconciles and stores every complete China calendar day
 * not yet stored (`reconciliationDaysDue`). Idempotent and safe on several nodes at once: a day is
 * inserted only if absent, so the first node's report stays. With `date`, reconciles that day now
 * and replaces its stored report (an operator's re-run); VALIDATION_FAILED for a day not yet complete
 * or not a calendar day.
 */
export async function runDailyReconciliation({
  deps,
  date,
  maxDaysBack = 7,
}: {
  deps: ReconciliationDeps;
  date?: string | undefined;
  maxDaysBack?: number;
}): Promise<{ days: ReconciledDay[] }> {
  const now = deps.clock();
  if (date !== undefined) {
    const at = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
    if (Number.isNaN(at) || dayOf(at) !== date)
      throw new AppError('VALIDATION_FAILED', 'date must be a calendar day, YYYY-MM-DD');
    if (date > lastCompleteDay(now))
      throw new AppError(
        'VALIDATION_FAILED',
        `${date} is not complete yet: a day is reconciled from 06:00 China time the next day`,
      );
    return { days: [await reconcileAndStore(deps, date, true)] };
  }
  const days = reconciliationDaysDue({
    now,
    lastReconciledDay: await deps.store.lastReconciledDay(),
    maxDaysBack,
  });
  const done: ReconciledDay[] = [];
  for (const day of days) done.push(await reconcileAndStore(deps, day, false));
  return { days: done };
}
