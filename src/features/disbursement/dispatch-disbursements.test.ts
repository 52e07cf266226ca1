import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors';
import type { DisbursementDeps, DispatchStep } from './disbursement-deps';
import type { DisbursementRecord, DisbursementStore, OutboxMessage } from './disbursement-store.port';
import { dispatchDisbursements, processDisbursement } from './dispatch-disbursements';
import type { PaymentGateway, TransferAnswer, TransferOrder } from './payment-gateway.port';

/** In-memory fakes of the ports: a payment system that deduplicates by end-to-end id, and can misbehave. */
function fakes({
  answers = ['settled'],
  timesOutAfterBooking = 0,
}: {
  /** What each successive transfer/query answers (the last repeats). */
  answers?: ('accepted' | 'settled' | 'rejected')[];
  /** How many transfer calls book the payment and then throw, as a timeout would. */
  timesOutAfterBooking?: number;
} = {}) {
  const at = new Date('2026-03-01T02:00:00Z');
  const d: DisbursementRecord = {
    id: 'd1',
    applicationId: 'a1',
    contractId: 'c1',
    amount: '50000.00',
    currency: 'CNY',
    status: 'requested',
    endToEndId: 'MQ1',
    requestedBy: 'u1',
    requestedAt: at,
    sentAt: null,
    settledAt: null,
    failedAt: null,
    failureReason: null,
    gatewayReference: null,
  };
  const booked = new Map<string, TransferOrder>();
  let calls = 0;
  let timeouts = timesOutAfterBooking;
  const current = (): TransferAnswer => {
    const status = answers[Math.min(calls - 1, answers.length - 1)] ?? 'settled';
    return status === 'rejected'
      ? { status, reference: 'R1', reason: 'account closed', at }
      : { status, reference: 'R1', at };
  };
  const gateway: PaymentGateway = {
    name: 'fake',
    async transfer(order) {
      calls++;
      if (!booked.has(order.endToEndId)) booked.set(order.endToEndId, order);
      if (timeouts > 0) {
        timeouts--;
        throw new AppError('PAYMENT_GATEWAY_UNAVAILABLE');
      }
      return current();
    },
    async query(id) {
      if (!booked.has(id)) return undefined;
      calls++;
      return current();
    },
    statement: async () => [],
    trialBalance: async () => ({ accounts: [], unbalancedEntries: [] }),
  };
  const move = (to: DisbursementRecord['status'], from: DisbursementRecord['status'][], patch = {}) => {
    if (!from.includes(d.status)) return false;
    Object.assign(d, { status: to, ...patch });
    return true;
  };
  const outbox: (OutboxMessage & { done: boolean })[] = [
    { id: '1', disbursementId: 'd1', attempts: 0, done: false },
  ];
  const store = {
    findById: async (id: string) => (id === d.id ? { ...d } : undefined),
    markSent: async ({ at: when }: { at: Date }) => move('sent', ['requested'], { sentAt: when }),
    markSettled: async ({ at: when, reference }: { at: Date; reference: string }) =>
      move('settled', ['requested', 'sent'], { settledAt: when, gatewayReference: reference }),
    markFailed: async ({ at: when, reason }: { at: Date; reason: string }) =>
      move('failed', ['requested', 'sent'], { failedAt: when, failureReason: reason }),
    claimOutbox: async () => outbox.filter((m) => !m.done).map((m) => ({ ...m, attempts: ++m.attempts })),
    completeOutbox: async ({ id }: { id: string }) => {
      outbox.find((m) => m.id === id)!.done = true;
    },
    retryOutbox: async () => {},
  } as unknown as DisbursementStore;
  const disbursed: string[] = [];
  const steps: DispatchStep[] = [];
  const deps = {
    store,
    gateway,
    applications: {
      find: async () => undefined,
      markDisbursed: async ({ disbursement }: { disbursement: DisbursementRecord }) => {
        if (!disbursed.includes(disbursement.applicationId)) disbursed.push(disbursement.applicationId);
      },
    },
    contracts: {
      ofApplication: async () => ({
        id: 'c1',
        contractNumber: 'MQ-2026-1',
        status: 'signed',
        amount: '50000.00',
        termMonths: 12,
        repaymentMethod: 'equal_installment',
        nominalAnnualRate: '0.05',
        annualisedRate: '0.05',
        disbursementAccount: { accountName: '王小明', bankName: '某银行', accountNumberMasked: '****6789' },
        schedule: [],
      }),
    },
    clock: () => at,
    reached: (step: DispatchStep) => steps.push(step),
    settings: { leaseMs: 1000, inFlightStaleMs: 1000, retryDelaysMs: [10] },
  } as unknown as DisbursementDeps;
  return { deps, d, booked, disbursed, outbox, steps, calls: () => calls };
}

describe('the disbursement dispatcher', () => {
  it('sends once, settles, moves the application and finishes the message', async () => {
    const f = fakes();
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(1);
    expect(f.d.status).toBe('settled');
    expect(f.booked.size).toBe(1);
    expect(f.disbursed).toEqual(['a1']);
    expect(f.outbox[0]!.done).toBe(true);
    expect(f.steps).toEqual([
      'before-send',
      'after-mark-sent',
      'after-transfer',
      'after-settle',
      'after-application',
      'after-outbox',
    ]);
    // Delivered again (at least once): nothing more happens.
    expect(await processDisbursement({ deps: f.deps, disbursementId: 'd1' })).toBe('done');
    expect(f.calls()).toBe(1);
  });

  it('after a timeout asks by end-to-end id instead of sending again', async () => {
    const f = fakes({ timesOutAfterBooking: 1 });
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(0);
    expect(f.d.status).toBe('sent');
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(1);
    expect(f.d.status).toBe('settled');
    expect(f.booked.size).toBe(1);
    expect(f.calls()).toBe(2); // one transfer (timed out), one query
  });

  it('keeps an accepted transfer in flight until it settles', async () => {
    const f = fakes({ answers: ['accepted', 'accepted', 'settled'] });
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(0);
    expect(f.d.status).toBe('sent');
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(0);
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(1);
    expect(f.d.status).toBe('settled');
    expect(f.disbursed).toEqual(['a1']);
  });

  it('marks a rejected transfer failed and leaves the application alone', async () => {
    const f = fakes({ answers: ['rejected'] });
    expect(await dispatchDisbursements({ deps: f.deps })).toBe(1);
    expect(f.d).toMatchObject({ status: 'failed', failureReason: 'account closed' });
    expect(f.disbursed).toEqual([]);
  });
});
