/**
 * bench/loan-schedules — how many repayment schedules (with their fee-inclusive 年化利率) one thread
 * computes per second, for each repayment method at 12 and 360 months.
 *
 *   npx tsx bench/loan-schedules.ts [--seconds 2]
 *
 * Each case is warmed up, then timed for `--seconds`. A schedule includes validation, every instalment
 * in exact decimals, the totals and the IRR solve. The amount varies by a fen per call, so nothing
 * can be cached.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildSchedule } from '../src/core/loan/build-schedule';
import type { ScheduleInput } from '../src/core/loan/schedule-input';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '2' } } });
const seconds = Number(values.seconds);

const cases: [string, Omit<ScheduleInput, 'amount'>][] = [];
for (const termMonths of [12, 360])
  for (const method of ['equal_installment', 'equal_principal', 'interest_only', 'bullet'] as const)
    cases.push([`${method} ${termMonths} months`, { annualRate: '0.049', termMonths, method }]);
cases.push(
  [
    'equal_installment 360 months, fee',
    { annualRate: '0.049', termMonths: 360, method: 'equal_installment', upfrontFee: '5000' },
  ],
  [
    'equal_installment 360 months, ACT/365',
    {
      annualRate: '0.049',
      termMonths: 360,
      method: 'equal_installment',
      dayCount: 'ACT/365',
      startDate: '2024-01-31',
    },
  ],
  [
    'equal_installment 120 quarters',
    { annualRate: '0.049', termMonths: 360, method: 'equal_installment', frequency: 'quarterly' },
  ],
);

function measure(
  input: Omit<ScheduleInput, 'amount'>,
  durationMs: number,
): { perSecond: number; msEach: number } {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < durationMs) {
    buildSchedule({ ...input, amount: (1_000_000 + n / 100).toFixed(2) });
    n++;
    if (n % 10 === 0) now = performance.now();
  }
  now = performance.now();
  return { perSecond: (n * 1000) / (now - start), msEach: (now - start) / n };
}

console.log(`loan schedules per second, one thread, Node ${process.version} (${seconds} s per case)\n`);
console.log(`${'case'.padEnd(42)}${'schedules/s'.padStart(12)}${'ms each'.padStart(10)}`);
for (const [name, input] of cases) {
  measure(input, 300); // warm-up
  const { perSecond, msEach } = measure(input, seconds * 1000);
  console.log(`${name.padEnd(42)}${perSecond.toFixed(0).padStart(12)}${msEach.toFixed(3).padStart(10)}`);
}
