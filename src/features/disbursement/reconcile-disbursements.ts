import { sumOfBalances } from '../../core/disbursement/journal';
import { AppError } from '../../core/errors';
import { Yuan } from '../../core/money/money';
import type { ReconciliationReport } from '../../contracts/disbursement.schema';
import type { DisbursementDeps } from './disbursement-deps';

type Mismatch = ReconciliationReport['mismatches'][number];

/** The China (UTC+8) calendar day of an instant. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The daily reconciliation (日终对账) of one China calendar day: the disbursements requested that day
 * against the payments the payment system received that day (its statement), matched by end-to-end
 * id — a settled disbursement needs a settled payment of the same amount, a failed one a rejected or
 * no payment, one in flight a payment in the same state or none yet — plus the ledger's trial
 * balance: the accounts' balances must sum to zero and every entry must balance.
 */
export async function reconcileDisbursements({
  deps,
  date,
}: {
  deps: Pick<DisbursementDeps, 'store' | 'gateway' | 'clock'>;
  /** YYYY-MM-DD (China); today when absent. */
  date?: string | undefined;
}): Promise<ReconciliationReport> {
  const now = deps.clock();
  const day = date ?? chinaDay(now);
  const from = new Date(`${day}T00:00:00+08:00`);
  if (Number.isNaN(from.getTime()) || chinaDay(from) !== day)
    throw new AppError('VALIDATION_FAILED', 'date must be a calendar day, YYYY-MM-DD');
  const to = new Date(from.getTime() + 24 * 3_600_000);
  // The statement runs a day further, so a payment received just after midnight for a disbursement
  // requested just before it still matches.
  const [disbursements, statement, trial] = await Promise.all([
    deps.store.listRequestedBetween({ from, to }),
    deps.gateway.statement({ from, to: new Date(to.getTime() + 24 * 3_600_000) }),
    deps.gateway.trialBalance(),
  ]);
  const payments = statement.filter((p) => p.receivedAt < to);
  const paymentsById = new Map(statement.map((p) => [p.endToEndId, p]));
  const mismatches: Mismatch[] = [];
  let matched = 0;
  const seen = new Set<string>();
  for (const d of disbursements) {
    seen.add(d.endToEndId);
    const p = paymentsById.get(d.endToEndId);
    const base = {
      endToEndId: d.endToEndId,
      disbursementId: d.id,
      disbursementStatus: d.status,
      disbursementAmount: d.amount,
      paymentStatus: p?.status ?? null,
      paymentAmount: p?.amount ?? null,
    };
    if (!p) {
      if (d.status === 'settled') mismatches.push({ ...base, problem: 'disbursement_without_payment' });
      else matched++;
      continue;
    }
    if (!new Yuan(p.amount).eq(d.amount)) mismatches.push({ ...base, problem: 'amount_differs' });
    else if (
      (d.status === 'settled') !== (p.status === 'settled') ||
      (d.status === 'failed') !== (p.status === 'rejected')
    )
      mismatches.push({ ...base, problem: 'status_differs' });
    else matched++;
  }
  for (const p of payments)
    // Received today for a disbursement requested the day before is fine; one we never recorded is not.
    if (!seen.has(p.endToEndId) && !(await deps.store.findByEndToEndId(p.endToEndId))) {
      mismatches.push({
        endToEndId: p.endToEndId,
        problem: 'payment_without_disbursement',
        disbursementId: null,
        disbursementStatus: null,
        disbursementAmount: null,
        paymentStatus: p.status,
        paymentAmount: p.amount,
      });
    }
  const total = (amounts: string[]) => amounts.reduce((s, a) => s.plus(a), new Yuan(0)).toFixed(2);
  const byKind: Record<string, Yuan> = {};
  for (const a of trial.accounts) byKind[a.kind] = (byKind[a.kind] ?? new Yuan(0)).plus(a.balance);
  const sum = sumOfBalances(trial.accounts.map((a) => a.balance));
  return {
    date: day,
    gateway: deps.gateway.name,
    generatedAt: now.toISOString(),
    disbursements: {
      count: disbursements.length,
      total: total(disbursements.filter((d) => d.status !== 'failed').map((d) => d.amount)),
    },
    payments: {
      count: payments.length,
      total: total(payments.filter((p) => p.status !== 'rejected').map((p) => p.amount)),
    },
    matched,
    mismatches,
    ledger: {
      isBalanced: new Yuan(sum).isZero() && trial.unbalancedEntries.length === 0,
      sumOfBalances: sum,
      unbalancedEntries: trial.unbalancedEntries,
      balancesByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, v.toFixed(2)])),
    },
  };
}
