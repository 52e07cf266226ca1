import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ReconciliationReport } from '../contracts/disbursement.schema';
import type { DisbursementStore } from '../features/disbursement/disbursement-store.port';
import type { PaymentGateway, StatementLine } from '../features/disbursement/payment-gateway.port';
import { registerDailyReconciliation } from './register-daily-reconciliation';

describe('registerDailyReconciliation', () => {
  it('runs the due days soon after start, logs a discrepancy as an error (day and counts only), stops on close', async () => {
    const stored = new Map<string, ReconciliationReport>();
    const store = {
      listRequestedBetween: async () => [],
      findByEndToEndId: async () => undefined,
      lastReconciledDay: async () => [...stored.keys()].sort().at(-1),
      saveReconciliationReport: async ({ report }: { report: ReconciliationReport }) => {
        if (stored.has(report.date)) return false;
        stored.set(report.date, report);
        return true;
      },
    } as unknown as DisbursementStore;
    // The payment system received a payment on 27 November that no disbursement recorded.
    const orphan: StatementLine = {
      endToEndId: 'MQ-orphan',
      reference: 'MQL-orphan',
      amount: '10.00',
      status: 'settled',
      receivedAt: new Date('2026-11-27T10:00:00+08:00'),
      settledAt: new Date('2026-11-27T10:00:00+08:00'),
    };
    const gateway = {
      name: 'test',
      statement: async ({ from, to }: { from: Date; to: Date }) =>
        orphan.receivedAt >= from && orphan.receivedAt < to ? [orphan] : [],
      trialBalance: async () => ({ accounts: [], unbalancedEntries: [] }),
    } as unknown as PaymentGateway;
    const lines: { level: number; msg: string; [k: string]: unknown }[] = [];
    const app = Fastify({
      logger: {
        level: 'info',
        stream: new Writable({
          write(chunk: Buffer, _encoding, done) {
            lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
            done();
          },
        }),
      },
    });
    registerDailyReconciliation(app, {
      deps: { store, gateway, clock: () => new Date('2026-11-29T06:00:00+08:00') },
      everyMs: 20,
    });
    await app.ready();
    await expect.poll(() => stored.size, { timeout: 5_000 }).toBe(7);
    await app.close();
    const logged = lines.filter((l) => l.msg.startsWith('daily reconciliation'));
    expect(logged).toHaveLength(7);
    expect(logged.filter((l) => l.level === 50)).toEqual([
      expect.objectContaining({
        msg: 'daily reconciliation found discrepancies',
        day: '2026-11-27',
        matched: 0,
        mismatches: 1,
        isBalanced: true,
      }),
    ]);
    expect(logged.filter((l) => l.level === 30)).toHaveLength(6);
    // Only the day and counts: no end-to-end ids or amounts in the log.
    expect(JSON.stringify(logged)).not.toContain('MQ-orphan');
    // Closed: no more runs.
    const after = lines.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.length).toBe(after);
  });
});
