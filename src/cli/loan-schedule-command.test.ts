import { afterEach, describe, expect, it, vi } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loanScheduleCommand } from './loan-schedule-command';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the real `mianqian` command in a child process, as a user would. */
function mianqian(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/mianqian.mjs', ...args],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** Runs the command in-process, capturing what it prints. */
function run(args: string[]): { status: number; stdout: string; stderr: string } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  const status = loanScheduleCommand(args);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

const flags = ['--amount', '100000', '--annual-rate', '0.049', '--months', '12'];

describe('mianqian loan schedule', () => {
  it('prints the schedule as JSON, and exits 2 with a message for bad input (child processes)', async () => {
    const [ok, bad] = await Promise.all([
      mianqian('loan', 'schedule', ...flags, '--method', 'equal-installment', '--json'),
      mianqian(
        'loan',
        'schedule',
        '--amount',
        '100000',
        '--annual-rate',
        '0.049',
        '--months',
        '0',
        '--method',
        'bullet',
      ),
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout) as {
      instalments: Record<string, unknown>[];
      totalInterest: string;
      annualRate: string;
    };
    expect(Object.keys(out)).toEqual(['instalments', 'totalInterest', 'annualRate']);
    expect(out.instalments).toHaveLength(12);
    for (const [k, i] of out.instalments.entries()) {
      expect(Object.keys(i)).toEqual(['period', 'payment', 'principal', 'interest', 'balance']);
      expect(i.period).toBe(k + 1);
      for (const key of ['payment', 'principal', 'interest', 'balance'])
        expect(i[key]).toMatch(/^\d+\.\d{2}$/);
    }
    // 10万元 12期 4.9% 等额本息: 月供 8556.17; the last instalment absorbs the rounding residue.
    expect(out.instalments[0]).toEqual({
      period: 1,
      payment: '8556.17',
      principal: '8147.84',
      interest: '408.33',
      balance: '91852.16',
    });
    expect(out.instalments[11]).toEqual({
      period: 12,
      payment: '8556.12',
      principal: '8521.32',
      interest: '34.80',
      balance: '0.00',
    });
    const principalFen = out.instalments.reduce((sum, i) => sum + Math.round(Number(i.principal) * 100), 0);
    expect(principalFen).toBe(10_000_000);
    expect(out.totalInterest).toBe('2673.99');
    expect(out.annualRate).toBe('0.049000');

    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain(
      'mianqian loan schedule: --months must be a whole number of months from 1 to 600',
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('adds fees to the annual rate, due dates with a start date, and prints a table without --json', () => {
    const json = run([
      ...flags,
      '--method',
      'equal-principal',
      '--fee',
      '1000',
      '--start-date',
      '2024-01-31',
      '--json',
    ]);
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout) as {
      instalments: { dueDate: string; principal: string }[];
      annualRate: string;
    };
    expect(out.instalments[0]).toMatchObject({ dueDate: '2024-02-29', principal: '8333.33' });
    expect(Number(out.annualRate)).toBeGreaterThan(0.049);
    const table = run([...flags, '--method', 'bullet']);
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('到期一次还本付息');
    expect(table.stdout).toContain('104,900.00');
    expect(table.stdout).toContain('年化利率 Annual rate');
    expect(table.stdout).toContain('4.9000%');
    expect(run(['--help']).status).toBe(0);
  });

  it.each([
    ['a missing flag', ['--amount', '100000', '--months', '12'], '--annual-rate'],
    ['an unknown method', [...flags, '--method', 'balloon'], '--method'],
    ['an underscore method id', [...flags, '--method', 'equal_principal'], '--method'],
    ['an unknown flag', [...flags, '--method', 'bullet', '--colour'], "'--colour'"],
    ['a positional argument', [...flags, '--method', 'bullet', 'extra'], 'extra'],
    [
      'a rate in percent',
      ['--amount', '1', '--annual-rate', '4.9', '--months', '1', '--method', 'bullet'],
      '--annual-rate',
    ],
    [
      'a bad amount',
      ['--amount', '1.005', '--annual-rate', '0.04', '--months', '1', '--method', 'bullet'],
      '--amount',
    ],
    [
      'months that are not a number',
      [...flags.slice(0, 4), '--months', '12.5', '--method', 'bullet'],
      '--months',
    ],
    [
      'quarterly over 7 months',
      [...flags.slice(0, 4), '--months', '7', '--method', 'equal-principal', '--quarterly'],
      '--months',
    ],
    [
      'contradicting frequencies',
      [...flags, '--method', 'bullet', '--quarterly', '--frequency', 'monthly'],
      '--quarterly',
    ],
    ['an unknown day count', [...flags, '--method', 'bullet', '--day-count', 'ACT/ACT'], '--day-count'],
    ['ACT without a start date', [...flags, '--method', 'bullet', '--day-count', 'ACT/365'], '--start-date'],
    [
      'an impossible start date',
      [...flags, '--method', 'bullet', '--start-date', '2023-02-29'],
      '--start-date',
    ],
    ['a fee above the amount', [...flags, '--method', 'bullet', '--fee', '200000'], '--fee'],
  ])('exits 2 with a message for %s', (_name, args, mention) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('mianqian loan schedule:');
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
