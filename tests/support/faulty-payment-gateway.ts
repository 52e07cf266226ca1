import { AppError } from '../../src/core/errors';
import type {
  PaymentGateway,
  TransferAnswer,
  TransferOrder,
} from '../../src/features/disbursement/payment-gateway.port';

/**
 * What the payment network does with one call:
 * - `ok`: answers at once;
 * - `delay`: answers after `ms`;
 * - `timeout-before`: times out after `ms` without the network having received anything;
 * - `timeout-after`: the network books the transfer (or answers the query), then the answer is lost;
 * - `reject`: refuses a transfer it never received (final, nothing moved); on a query, or on a transfer
 *   it already holds, it answers as `ok` (a real network cannot reject what it already booked).
 */
export type PaymentFault = 'ok' | 'delay' | 'timeout-before' | 'timeout-after' | 'reject';

export interface FaultChoice {
  fault: PaymentFault;
  ms: number;
}

/** Counts of what the network did, for the suite's figures. */
export interface FaultyGatewayFigures {
  calls: number;
  transfers: number;
  queries: number;
  delays: number;
  timeoutsBefore: number;
  timeoutsAfter: number;
  rejections: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A payment network that misbehaves, for proving exactly-once at the boundary the machine cannot reach
 * (a core-banking transfer API). It implements the `PaymentGateway` port over the real adapter (the
 * ledger gateway, so every booking is a real `payment_transfers` row with its journal entries) and
 * keeps the port's contract: idempotent by end-to-end id, `rejected` final, a timeout thrown as
 * `PAYMENT_GATEWAY_UNAVAILABLE` with the outcome unknown to the caller. Which fault hits a call is
 * `choose(endToEndId, n)` for the n-th call (0-based) about that end-to-end id, so a seeded plan gives
 * the same faults to the same calls whatever the interleaving of other transfers. Calls about one
 * end-to-end id are serialised, as the network processes one transfer's messages in order.
 *
 * Its own record (`bookings`): every distinct booking it saw the network make, by end-to-end id and by
 * loan, including those whose answer it then lost, so a suite can count effects independently of
 * the database.
 */
export function createFaultyPaymentGateway({
  inner,
  choose,
}: {
  inner: PaymentGateway;
  choose: (endToEndId: string, n: number) => FaultChoice;
}) {
  const callsById = new Map<string, number>();
  const queues = new Map<string, Promise<unknown>>();
  const rejected = new Map<string, TransferAnswer>();
  /** end-to-end id → the references of the bookings the network made under it. */
  const bookings = new Map<string, Set<string>>();
  /** loan id → the end-to-end ids the network booked for it. */
  const bookingsByLoan = new Map<string, Set<string>>();
  const loanOf = new Map<string, string>();
  const figures: FaultyGatewayFigures = {
    calls: 0,
    transfers: 0,
    queries: 0,
    delays: 0,
    timeoutsBefore: 0,
    timeoutsAfter: 0,
    rejections: 0,
  };

  const serially = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    queues.set(
      id,
      next.catch(() => {}),
    );
    return next;
  };

  const record = (id: string, answer: TransferAnswer | undefined) => {
    if (!answer || answer.status === 'rejected' || answer.reference === null) return;
    const refs = bookings.get(id) ?? new Set<string>();
    refs.add(answer.reference);
    bookings.set(id, refs);
    const loan = loanOf.get(id);
    if (loan !== undefined) {
      const ids = bookingsByLoan.get(loan) ?? new Set<string>();
      ids.add(id);
      bookingsByLoan.set(loan, ids);
    }
  };

  const nextChoice = (id: string) => {
    const n = callsById.get(id) ?? 0;
    callsById.set(id, n + 1);
    figures.calls++;
    return choose(id, n);
  };

  const unavailable = () => new AppError('PAYMENT_GATEWAY_UNAVAILABLE', 'injected timeout');

  async function run(
    id: string,
    call: () => Promise<TransferAnswer | undefined>,
    { canReject }: { canReject: boolean },
  ): Promise<TransferAnswer | undefined> {
    const { fault, ms } = nextChoice(id);
    if (fault === 'timeout-before') {
      figures.timeoutsBefore++;
      await sleep(ms);
      throw unavailable();
    }
    if (fault === 'delay') {
      figures.delays++;
      await sleep(ms);
    }
    const earlier = rejected.get(id);
    if (earlier) return earlier;
    if (fault === 'reject' && canReject && (await inner.query(id)) === undefined) {
      figures.rejections++;
      const answer: TransferAnswer = {
        status: 'rejected',
        reference: null,
        reason: 'injected rejection',
        at: new Date(),
      };
      rejected.set(id, answer);
      return answer;
    }
    const answer = await call();
    record(id, answer);
    if (fault === 'timeout-after') {
      figures.timeoutsAfter++;
      await sleep(ms);
      throw unavailable();
    }
    return answer;
  }

  const gateway: PaymentGateway = {
    name: `faulty(${inner.name})`,
    transfer(order: TransferOrder) {
      figures.transfers++;
      loanOf.set(order.endToEndId, order.loanId);
      return serially(order.endToEndId, async () => {
        const answer = await run(order.endToEndId, () => inner.transfer(order), { canReject: true });
        return answer!;
      });
    },
    query(endToEndId: string) {
      figures.queries++;
      return serially(endToEndId, () => run(endToEndId, () => inner.query(endToEndId), { canReject: false }));
    },
    statement: (range) => inner.statement(range),
    trialBalance: () => inner.trialBalance(),
  };

  return { gateway, bookings, bookingsByLoan, rejected, figures };
}
