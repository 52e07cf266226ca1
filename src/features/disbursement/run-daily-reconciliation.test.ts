import { describe, expect, it } from 'vitest';
import type { ReconciliationReport } from '../../contracts/disbursement.schema';
import type { DisbursementStore } from './disbursement-store.port';
import type { PaymentGateway } from './payment-gateway.port';
import { lastCompleteDay, reconciliationDaysDue, runDailyReconciliation } from './run-daily-reconciliation';

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

describe('lastCompleteDay', () => {
  it('is the day before yesterday until 06:00 China time, yesterday from 06:00', () => {
    expect(lastCompleteDay(china('2026-11-29T05:59:59.999'))).toBe('2026-11-27');
    expect(lastCompleteDay(china('2026-11-29T06:00:00'))).toBe('2026-11-28');
    expect(lastCompleteDay(china('2026-11-29T23:59:59'))).toBe('2026-11-28');
    // Just after midnight China time (still the previous day in UTC).
    expect(lastCompleteDay(china('2026-11-29T00:30:00'))).toBe('2026-11-27');
  });

  it('crosses month, leap-day and year ends', () => {
    expect(lastCompleteDay(china('2026-12-01T06:00:00'))).toBe('2026-11-30');
    expect(lastCompleteDay(china('2026-12-01T05:00:00'))).toBe('2026-11-29');
    expect(lastCompleteDay(china('2028-03-01T07:00:00'))).toBe('2028-02-29');
    expect(lastCompleteDay(china('2027-01-01T06:00:00'))).toBe('2026-12-31');
    expect(lastCompleteDay(china('2027-01-01T05:59:00'))).toBe('2026-12-30');
    expect(lastCompleteDay(china('2027-01-02T01:00:00'))).toBe('2026-12-31');
  });
});

describe('reconciliationDaysDue', () => {
  it('is nothing before 06:00 when yesterday’s day before is stored, and yesterday from 06:00', () => {
    expect(
      reconciliationDaysDue({ now: china('2026-11-29T05:59:59'), lastReconciledDay: '2026-11-27' }),
    ).toEqual([]);
    expect(
      reconciliationDaysDue({ now: china('2026-11-29T06:00:00'), lastReconciledDay: '2026-11-27' }),
    ).toEqual(['2026-11-28']);
    // Done for the day: the hourly runs after it find nothing.
    expect(
      reconciliationDaysDue({ now: china('2026-11-29T18:00:00'), lastReconciledDay: '2026-11-28' }),
    ).toEqual([]);
  });

  it('reconciles the last 7 complete days when nothing is stored', () => {
    expect(
      reconciliationDaysDue({ now: china('2026-11-29T06:00:00'), lastReconciledDay: undefined }),
    ).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
    ]);
    expect(
      reconciliationDaysDue({
        now: china('2026-11-29T06:00:00'),
        lastReconciledDay: undefined,
        maxDaysBack: 1,
      }),
    ).toEqual(['2026-11-28']);
  });

  it('fills a gap of several days whole, across month and year ends', () => {
    expect(
      reconciliationDaysDue({ now: china('2027-01-02T08:00:00'), lastReconciledDay: '2026-12-29' }),
    ).toEqual(['2026-12-30', '2026-12-31', '2027-01-01']);
    expect(
      reconciliationDaysDue({ now: china('2026-03-02T06:00:00'), lastReconciledDay: '2026-02-26' }),
    ).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    // The 7-day cap is for a first run only: after the last stored day, nothing is skipped.
    const long = reconciliationDaysDue({
      now: china('2026-11-29T06:00:00'),
      lastReconciledDay: '2026-11-08',
    });
    expect(long).toHaveLength(20);
    expect([long[0], long.at(-1)]).toEqual(['2026-11-09', '2026-11-28']);
  });

  it('is nothing when the last stored day is later than the last complete one', () => {
    expect(
      reconciliationDaysDue({ now: china('2026-11-29T06:00:00'), lastReconciledDay: '2026-11-29' }),
    ).toEqual([]);
  });
});

describe('runDailyReconciliation', () => {
  /** A store holding reports in memory, and a payment system with no payments and balanced books. */
  function world(now: Date) {
    const stored = new Map<string, ReconciliationReport>();
    const store = {
      listRequestedBetween: async () => [],
      findByEndToEndId: async () => undefined,
      lastReconciledDay: async () => [...stored.keys()].sort().at(-1),
      saveReconciliationReport: async ({
        report,
        replaces,
      }: {
        report: ReconciliationReport;
        replaces: boolean;
      }) => {
        if (stored.has(report.date) && !replaces) return false;
        stored.set(report.date, report);
        return true;
      },
    } as unknown as DisbursementStore;
    const gateway = {
      name: 'test',
      statement: async () => [],
      trialBalance: async () => ({ accounts: [], unbalancedEntries: [] }),
    } as unknown as PaymentGateway;
    return { stored, deps: { store, gateway, clock: () => now } };
  }

  it('stores each due day once; a second run does nothing; --date replaces a complete day only', async () => {
    const { stored, deps } = world(china('2026-11-29T06:00:00'));
    const first = await runDailyReconciliation({ deps, maxDaysBack: 3 });
    expect(first.days).toEqual(
      ['2026-11-26', '2026-11-27', '2026-11-28'].map((day) => ({
        day,
        matched: 0,
        mismatches: 0,
        isBalanced: true,
        isStored: true,
      })),
    );
    expect([...stored.keys()]).toEqual(['2026-11-26', '2026-11-27', '2026-11-28']);
    expect((await runDailyReconciliation({ deps })).days).toEqual([]);
    const again = await runDailyReconciliation({ deps, date: '2026-11-27' });
    expect(again.days).toEqual([expect.objectContaining({ day: '2026-11-27', isStored: true })]);
    await expect(runDailyReconciliation({ deps, date: '2026-11-29' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(runDailyReconciliation({ deps, date: '2026-02-30' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(runDailyReconciliation({ deps, date: '27/11/2026' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
