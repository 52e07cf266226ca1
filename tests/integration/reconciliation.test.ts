import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconciliationCommand } from '../../src/cli/reconciliation-command';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { runDailyReconciliation } from '../../src/features/disbursement/run-daily-reconciliation';
import { composeReconciliationDeps } from '../../src/http/register-daily-reconciliation';
import { seedDisbursableLoans } from '../support/disbursable-loans';
import type { TestClient } from '../support/test-platform';
import { createTestPlatform, dbTargets, type TestPlatform } from '../support/test-platform';

/** The China (UTC+8) calendar day of an instant, and the day after. */
const chinaDay = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

interface StoredItem {
  day: string;
  ranAt: string;
  matched: number;
  mismatches: number;
  isBalanced: boolean;
  report: { date: string; matched: number; mismatches: { endToEndId: string; problem: string }[] };
}

describe.each(dbTargets())('daily reconciliation on %s', (target) => {
  let p: TestPlatform;
  let loan: string;
  let amount: string;
  let approver: TestClient;
  let officer: TestClient;
  const db = () => p.infra.database.db;
  const reports = async (query = '') =>
    approver.call<{ items: StoredItem[] }>('GET', `/api/staff/reconciliation/reports${query}`);

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    const seeded = await seedDisbursableLoans({ platform: p, count: 1 });
    [loan] = seeded.loans as [string];
    ({ amount, approver, officer } = seeded);
  }, 180_000);
  afterAll(() => p?.close());

  it('stores the day once it is complete, serves it to approvers, and a re-run records a mismatch (exit 1)', async () => {
    const requested = await approver.call(
      'POST',
      `/api/staff/applications/${loan}/disbursement`,
      { amount },
      { 'idempotency-key': 'daily-reconciliation' },
    );
    expect(requested.status).toBe(202);
    await p.app.disbursementDispatcher.tick();
    const disbursement = await db()
      .selectFrom('disbursements')
      .selectAll()
      .where('application_id', '=', loan)
      .executeTakeFirstOrThrow();
    expect(disbursement.status).toBe('settled');
    const today = chinaDay(disbursement.requested_at);

    // Not before 06:00 China time the next day: the statement for the day may not be in.
    const early = composeReconciliationDeps({
      infra: p.infra,
      clock: () => new Date(`${nextDay(today)}T05:59:00+08:00`),
    });
    expect((await runDailyReconciliation({ deps: early })).days.map((d) => d.day)).not.toContain(today);

    // Two nodes at once the next morning: neither fails, each day is stored once.
    const nextMorning = new Date(`${nextDay(today)}T06:30:00+08:00`);
    const deps = composeReconciliationDeps({ infra: p.infra, clock: () => nextMorning });
    const [a, b] = await Promise.all([runDailyReconciliation({ deps }), runDailyReconciliation({ deps })]);
    expect(a.days.map((d) => d.day)).toContain(today);
    for (const day of new Set([...a.days, ...b.days].map((d) => d.day)))
      expect([...a.days, ...b.days].filter((d) => d.day === day && d.isStored).length).toBeLessThanOrEqual(1);
    expect((await runDailyReconciliation({ deps })).days).toEqual([]);

    const stored = await reports('?limit=10');
    expect(stored.status).toBe(200);
    const days = stored.body.items.map((i) => i.day);
    expect(days).toEqual([...new Set(days)].sort().reverse());
    const latest = stored.body.items[0]!;
    expect(latest).toMatchObject({
      day: today,
      mismatches: 0,
      isBalanced: true,
      ranAt: nextMorning.toISOString(),
    });
    expect(latest.matched).toBeGreaterThanOrEqual(1);
    expect(latest.report).toMatchObject({ date: today, matched: latest.matched, mismatches: [] });
    // End-to-end ids, amounts and statuses only: nothing of the borrower.
    const text = JSON.stringify(stored.body);
    for (const personal of [
      contractJourneyAccounts.borrower.displayName,
      contractJourneyAccounts.borrower.mobile,
      '310104199003152',
    ])
      expect(text).not.toContain(personal);
    expect((await reports('?limit=1')).body.items.map((i) => i.day)).toEqual([today]);
    expect((await reports('?limit=0')).status).toBe(400);
    const forbidden = await officer.call('GET', '/api/staff/reconciliation/reports');
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');

    // A payment the ledger booked that no disbursement recorded (written behind the platform's back).
    const transfer = await db().selectFrom('payment_transfers').selectAll().executeTakeFirstOrThrow();
    await db()
      .insertInto('payment_transfers')
      .values({
        ...transfer,
        end_to_end_id: 'MQ-orphan-daily',
        reference: 'MQL-orphan-daily',
        amount: '10.00',
        received_at: disbursement.requested_at,
      })
      .execute();
    const printed: string[] = [];
    const code = await reconciliationCommand({
      config: p.config,
      infra: p.infra,
      args: ['run'],
      date: today,
      clock: () => nextMorning,
      print: (line) => printed.push(line),
    });
    expect(code).toBe(1);
    expect(printed).toEqual([
      `${today}: DISCREPANCY — ${latest.matched} matched, 1 mismatches, ledger balanced`,
    ]);
    const after = (await reports('?limit=1')).body.items[0]!;
    expect(after).toMatchObject({ day: today, matched: latest.matched, mismatches: 1, isBalanced: true });
    expect(after.report.mismatches).toEqual([
      expect.objectContaining({ endToEndId: 'MQ-orphan-daily', problem: 'payment_without_disbursement' }),
    ]);
    expect((await db().selectFrom('reconciliation_reports').select('day').execute()).length).toBe(
      days.length,
    );
  }, 120_000);
});
