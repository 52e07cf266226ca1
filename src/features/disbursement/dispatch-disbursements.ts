import { isAppError } from '../../core/errors';
import type { DisbursementDeps, DispatchStep } from './disbursement-deps';
import type { TransferAnswer } from './payment-gateway.port';

/** What became of one outbox message: finished, or to be tried again later. */
type Outcome = 'done' | 'retry';

/**
 * Carries one disbursement as far as it can go. Every step is idempotent, so the outbox may deliver
 * the same message twice, two nodes may run it at once, and a crash between any two steps is finished
 * by the next run:
 *
 * 1. requested: mark it sent (recorded before the payment leaves, so a later run knows to ask first),
 *    then send the payment under its end-to-end id;
 * 2. sent (a crash or a timeout came between): ask the payment system by end-to-end id, and send
 *    again only if it never received it — it deduplicates on the id anyway;
 * 3. the answer: accepted → ask again later; rejected → failed; settled → settled;
 * 4. settled: move the application contract_signed → disbursed (idempotent, one event).
 */
export async function processDisbursement({
  deps,
  disbursementId,
  attempt = 1,
}: {
  deps: DisbursementDeps;
  disbursementId: string;
  /** Which delivery of the outbox message this is (1 = first). */
  attempt?: number;
}): Promise<Outcome> {
  const reached = (step: DispatchStep) => deps.reached(step, attempt);
  let d = await deps.store.findById(disbursementId);
  if (!d) return 'done';
  if (d.status === 'requested' || d.status === 'sent') {
    reached('before-send');
    let answer: TransferAnswer | undefined =
      d.status === 'sent' ? await deps.gateway.query(d.endToEndId) : undefined;
    if (answer === undefined) {
      if (d.status === 'requested') {
        await deps.store.markSent({ id: d.id, at: deps.clock() });
        reached('after-mark-sent');
      }
      const contract = await deps.contracts.ofApplication(d.applicationId);
      if (!contract) throw new Error(`disbursement ${d.id}: the contract is gone`);
      answer = await deps.gateway.transfer({
        endToEndId: d.endToEndId,
        amount: d.amount,
        currency: d.currency,
        loanId: d.applicationId,
        creditor: contract.disbursementAccount,
        remittanceInfo: contract.contractNumber,
      });
    }
    reached('after-transfer');
    if (answer.status === 'accepted') return 'retry';
    if (answer.status === 'rejected') {
      await deps.store.markFailed({
        id: d.id,
        at: answer.at,
        reason: answer.reason,
        reference: answer.reference,
      });
      return 'done';
    }
    await deps.store.markSettled({ id: d.id, at: answer.at, reference: answer.reference });
    reached('after-settle');
    d = await deps.store.findById(d.id);
    if (!d) return 'done';
  }
  if (d.status === 'settled') {
    await deps.applications.markDisbursed({ disbursement: d });
    reached('after-application');
  }
  return 'done';
}

/**
 * One pass of the outbox relay: claims the due messages, carries each disbursement forward, marks the
 * message done or schedules its retry (backing off). Returns how many messages it finished.
 */
export async function dispatchDisbursements({
  deps,
  ignoresLeases = false,
  limit = 20,
  onError = () => {},
}: {
  deps: DisbursementDeps;
  ignoresLeases?: boolean;
  limit?: number;
  onError?: (e: unknown, disbursementId: string) => void;
}): Promise<number> {
  const messages = await deps.store.claimOutbox({
    now: deps.clock(),
    leaseMs: deps.settings.leaseMs,
    limit,
    ignoresLeases,
  });
  let finished = 0;
  for (const m of messages) {
    let outcome: Outcome;
    let error = '';
    try {
      outcome = await processDisbursement({ deps, disbursementId: m.disbursementId, attempt: m.attempts });
    } catch (e) {
      outcome = 'retry';
      error = isAppError(e) ? e.code : e instanceof Error ? e.message : String(e);
      onError(e, m.disbursementId);
    }
    if (outcome === 'done') {
      await deps.store.completeOutbox({ id: m.id, at: deps.clock() });
      deps.reached('after-outbox', m.attempts);
      finished++;
    } else {
      const delays = deps.settings.retryDelaysMs;
      const delay = delays[Math.min(Math.max(m.attempts - 1, 0), delays.length - 1)] ?? 1000;
      await deps.store.retryOutbox({
        id: m.id,
        availableAt: new Date(deps.clock().getTime() + delay),
        error: error || 'awaiting settlement',
      });
    }
  }
  return finished;
}
