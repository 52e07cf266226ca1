import type { Config } from '../config';
import { AppError } from '../core/errors';
import { runDailyReconciliation } from '../features/disbursement/run-daily-reconciliation';
import { composeReconciliationDeps } from '../http/register-daily-reconciliation';
import { openInfrastructure, type Infrastructure } from '../infra/open-infrastructure';

/**
 * `mianqian reconciliation run [--date YYYY-MM-DD]`: the daily reconciliation (日终对账,
 * docs/disbursement.md). Without --date, the job the server runs hourly: every complete China day not
 * yet stored; with it, that day now, replacing its stored report. One line per day. Exit 0 when every
 * day matched and the ledger balances, 1 when any day has a mismatch or an unbalanced ledger (for an
 * operator's cron to alert on), 2 on bad input (not a calendar day, or a day not complete yet).
 */
export async function reconciliationCommand({
  config,
  args,
  date,
  infra: given,
  clock = () => new Date(),
  print = (line: string) => console.log(line),
  printError = (line: string) => console.error(line),
}: {
  config: Config;
  /** What follows `reconciliation`: `run`. */
  args: readonly string[];
  date?: string | undefined;
  /** Tests pass the platform's adapters; otherwise they are opened from config and closed after. */
  infra?: Infrastructure;
  clock?: () => Date;
  print?: (line: string) => void;
  printError?: (line: string) => void;
}): Promise<number> {
  if (args[0] !== 'run' || args.length > 1) {
    printError('Usage: mianqian reconciliation run [--date YYYY-MM-DD]');
    return 2;
  }
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    printError(`mianqian: --date must be a calendar day, YYYY-MM-DD; got ${date}`);
    return 2;
  }
  const infra = given ?? (await openInfrastructure({ config }));
  try {
    let days;
    try {
      ({ days } = await runDailyReconciliation({ deps: composeReconciliationDeps({ infra, clock }), date }));
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION_FAILED') {
        printError(`mianqian: ${e.message}`);
        return 2;
      }
      throw e;
    }
    if (days.length === 0) print('Nothing to reconcile: every complete day is stored.');
    for (const d of days)
      print(
        `${d.day}: ${d.mismatches === 0 && d.isBalanced ? 'OK' : 'DISCREPANCY'} — ${d.matched} matched, ` +
          `${d.mismatches} mismatches, ledger ${d.isBalanced ? 'balanced' : 'NOT balanced'}` +
          (d.isStored ? '' : ' (already stored by another node)'),
      );
    return days.every((d) => d.mismatches === 0 && d.isBalanced) ? 0 : 1;
  } finally {
    if (!given) await infra.close();
  }
}
