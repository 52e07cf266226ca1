import type { FastifyInstance } from 'fastify';
import type { DisbursementDeps } from '../features/disbursement/disbursement-deps';
import { runDailyReconciliation } from '../features/disbursement/run-daily-reconciliation';
import type { Infrastructure } from '../infra/open-infrastructure';
import { createLedgerPaymentGateway } from '../infra/payments/ledger-payment-gateway';
import { runEvery } from './run-every';

/** What the reconciliation needs (the CLI's, without the rest of disbursement's dependencies). */
export function composeReconciliationDeps({
  infra,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  clock?: () => Date;
}): Pick<DisbursementDeps, 'store' | 'gateway' | 'clock'> {
  return {
    store: infra.disbursement.store,
    gateway: createLedgerPaymentGateway({ db: infra.database.db, clock }),
    clock,
  };
}

/**
 * Runs the daily reconciliation (日终对账) on this app: the first run a minute after start, then
 * hourly; a run finds nothing to do once the complete days are stored. Every node may run it: a day
 * is stored once (the first node's report stays). A day with mismatches or an unbalanced ledger is
 * logged as an error (day and counts only: no personal data), so log alerting picks it up.
 */
export function registerDailyReconciliation(
  app: FastifyInstance,
  {
    deps,
    everyMs = 60 * 60 * 1000,
  }: { deps: Pick<DisbursementDeps, 'store' | 'gateway' | 'clock'>; everyMs?: number },
): void {
  runEvery(app, {
    everyMs,
    job: async () => {
      const { days } = await runDailyReconciliation({ deps });
      for (const { day, matched, mismatches, isBalanced, isStored } of days) {
        if (!isStored) continue; // another node stored (and logged) it
        const fields = { day, matched, mismatches, isBalanced };
        if (mismatches > 0 || !isBalanced) app.log.error(fields, 'daily reconciliation found discrepancies');
        else app.log.info(fields, 'daily reconciliation balanced');
      }
    },
    onError: (error) => app.log.error({ err: error }, 'daily reconciliation failed'),
  });
}
