import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { openInfrastructure } from '../infra/open-infrastructure';
import { createLedgerPaymentGateway } from '../infra/payments/ledger-payment-gateway';
import { reconciliationCommand } from './reconciliation-command';

const dataDir = mkdtempSync(join(tmpdir(), 'mianqian-reconciliation-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('mianqian reconciliation run', () => {
  it('stores the due days (exit 0), flags a discrepancy on a re-run (exit 1), refuses bad input (exit 2)', async () => {
    const config = loadConfig({ env: { MIANQIAN_MODE: 'test' }, overrides: { dataDir } });
    const run = async (date?: string, args = ['run']) => {
      const printed: string[] = [];
      const errors: string[] = [];
      const code = await reconciliationCommand({
        config,
        args,
        date,
        // 2026-11-29 06:00 China time: 2026-11-28 is complete, and the 7 days up to it are due.
        clock: () => new Date('2026-11-29T06:00:00+08:00'),
        print: (line) => printed.push(line),
        printError: (line) => errors.push(line),
      });
      return { code, printed, errors };
    };

    const first = await run();
    expect(first.code).toBe(0);
    expect(first.printed).toEqual(
      ['22', '23', '24', '25', '26', '27', '28'].map(
        (d) => `2026-11-${d}: OK — 0 matched, 0 mismatches, ledger balanced`,
      ),
    );
    expect((await run()).printed).toEqual(['Nothing to reconcile: every complete day is stored.']);

    // A payment booked on 27 November that no disbursement recorded.
    const infra = await openInfrastructure({ config });
    try {
      await createLedgerPaymentGateway({
        db: infra.database.db,
        clock: () => new Date('2026-11-27T10:00:00+08:00'),
      }).transfer({
        endToEndId: 'MQ-orphan',
        amount: '10.00',
        currency: 'CNY',
        loanId: crypto.randomUUID(),
        creditor: { accountName: 'x', bankName: 'y', accountNumberMasked: '****0000' },
        remittanceInfo: 'none',
      });
    } finally {
      await infra.close();
    }
    // The stored report stays until an operator re-runs the day.
    expect((await run()).code).toBe(0);
    const rerun = await run('2026-11-27');
    expect(rerun).toMatchObject({
      code: 1,
      printed: ['2026-11-27: DISCREPANCY — 0 matched, 1 mismatches, ledger balanced'],
    });
    const reopened = await openInfrastructure({ config });
    try {
      const reports = await reopened.disbursement.store.listReconciliationReports({ limit: 3 });
      expect(reports.map((r) => [r.day, r.mismatches])).toEqual([
        ['2026-11-28', 0],
        ['2026-11-27', 1],
        ['2026-11-26', 0],
      ]);
      expect(reports[1]!.report.mismatches).toEqual([
        expect.objectContaining({ endToEndId: 'MQ-orphan', problem: 'payment_without_disbursement' }),
      ]);
    } finally {
      await reopened.close();
    }

    for (const [date, args] of [
      ['2026-02-30', ['run']],
      ['27/11/2026', ['run']],
      ['2026-11-29', ['run']], // not complete until 06:00 on the 30th
      [undefined, ['purge']],
      [undefined, []],
    ] as const) {
      const bad = await run(date, [...args]);
      expect(bad.code, `${date} ${args.join(' ')}`).toBe(2);
      expect(bad.errors).toHaveLength(1);
    }
  }, 60_000);
});
