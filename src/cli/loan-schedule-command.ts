import { parseArgs } from 'node:util';
import { isAppError } from '../core/errors';
import { buildSchedule, type LoanSchedule } from '../core/loan/build-schedule';
import { dayCounts, type DayCount } from '../core/loan/day-count';
import {
  frequencies,
  repaymentMethods,
  type Frequency,
  type ScheduleInput,
} from '../core/loan/schedule-input';
import { Yuan } from '../core/money/money';

const usage = `usage: mianqian loan schedule --amount <yuan> --annual-rate <decimal> --months <n>
         --method <equal-installment|equal-principal|interest-only|bullet>
         [--fee <yuan>] [--frequency monthly|quarterly | --quarterly]
         [--day-count 30/360|ACT/360|ACT/365] [--start-date YYYY-MM-DD] [--json]

  --annual-rate is a decimal fraction (0.049 for 4.9%); --fee is paid at drawdown. ACT day counts
  need --start-date. --json prints {"instalments":[…],"totalInterest":"…","annualRate":"…"}.`;

const methodNames: Record<string, { zh: string; en: string }> = {
  equal_installment: { zh: '等额本息', en: 'equal instalments' },
  equal_principal: { zh: '等额本金', en: 'equal principal' },
  interest_only: { zh: '先息后本', en: 'interest only, principal at maturity' },
  bullet: { zh: '到期一次还本付息', en: 'bullet: principal and interest at maturity' },
};

/** The flag each input field comes from, to name it in error messages. */
const flagOf: Record<string, string> = {
  amount: '--amount',
  annualRate: '--annual-rate',
  termMonths: '--months',
  method: '--method',
  frequency: '--frequency',
  dayCount: '--day-count',
  startDate: '--start-date',
  upfrontFee: '--fee',
};

class UsageError extends Error {}

function inputFrom(args: string[]): { input: ScheduleInput; json: boolean } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        amount: { type: 'string' },
        'annual-rate': { type: 'string' },
        months: { type: 'string' },
        method: { type: 'string' },
        fee: { type: 'string' },
        frequency: { type: 'string' },
        quarterly: { type: 'boolean' },
        'day-count': { type: 'string' },
        'start-date': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  const { amount, 'annual-rate': annualRate, months, method } = values;
  const missing = (['amount', 'annual-rate', 'months', 'method'] as const).filter(
    (k) => values[k] === undefined,
  );
  if (amount === undefined || annualRate === undefined || months === undefined || method === undefined)
    throw new UsageError(`missing ${missing.map((k) => `--${k}`).join(', ')}`);
  const methodIds = repaymentMethods.map((m) => m.replaceAll('_', '-'));
  const methodIndex = methodIds.indexOf(method);
  if (methodIndex < 0) throw new UsageError(`--method must be one of ${methodIds.join(', ')}, got ${method}`);
  if (!/^\d{1,4}$/.test(months))
    throw new UsageError(`--months must be a whole number of months, got ${months}`);
  if (values.quarterly && values.frequency !== undefined && values.frequency !== 'quarterly')
    throw new UsageError(`--quarterly contradicts --frequency ${values.frequency}`);
  const frequency = values.quarterly ? 'quarterly' : (values.frequency ?? 'monthly');
  if (!(frequencies as readonly string[]).includes(frequency))
    throw new UsageError(`--frequency must be one of ${frequencies.join(', ')}, got ${frequency}`);
  const dayCount = values['day-count'] ?? '30/360';
  if (!(dayCounts as readonly string[]).includes(dayCount))
    throw new UsageError(`--day-count must be one of ${dayCounts.join(', ')}, got ${dayCount}`);
  const input: ScheduleInput = {
    amount,
    annualRate,
    termMonths: Number(months),
    method: repaymentMethods[methodIndex]!,
    frequency: frequency as Frequency,
    dayCount: dayCount as DayCount,
  };
  if (values['start-date'] !== undefined) input.startDate = values['start-date'];
  if (values.fee !== undefined) input.upfrontFee = values.fee;
  return { input, json: values.json ?? false };
}

/** "1234567.80" → "1,234,567.80". */
const grouped = (yuan: string) => yuan.replace(/\B(?=(\d{3})+(?!\d))(?=\d*\.)/g, ',');
const percent = (fraction: string, places = 4) => `${new Yuan(fraction).times(100).toFixed(places)}%`;

/** Terminal columns of `text`: CJK characters take two. */
const displayWidth = (text: string) =>
  [...text].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const padStart = (text: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
const padEnd = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

function table(s: LoanSchedule): string {
  const withDates = s.instalments.some((i) => i.dueDate !== undefined);
  const name = methodNames[s.method]!;
  const cols = [10, ...(withDates ? [12] : []), 16, 16, 14, 16];
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? padEnd(c, cols[i]!) : padStart(c, cols[i]!)))
      .join('')
      .trimEnd();
  const head = (zh: string[], en: string[]) => [line(zh), line(en)];
  const dateCol = (zh: string, en: string) => (withDates ? [[zh], [en]] : [[], []]);
  const [dz, de] = dateCol('还款日', 'Due date');
  const out = [
    `${name.zh} ${name.en} · ${grouped(s.amount)} 元 yuan · ${s.termMonths} 个月 months · ` +
      `${s.method === 'bullet' ? '' : `${s.frequency} · `}${s.dayCount}`,
    '',
    ...head(
      ['期数', ...dz!, '还款额', '本金', '利息', '剩余本金'],
      ['Period', ...de!, 'Payment', 'Principal', 'Interest', 'Balance'],
    ),
    ...s.instalments.map((i) =>
      line([
        String(i.period),
        ...(withDates ? [i.dueDate ?? ''] : []),
        grouped(i.payment),
        grouped(i.principal),
        grouped(i.interest),
        grouped(i.balance),
      ]),
    ),
    line([
      '合计 Total',
      ...(withDates ? [''] : []),
      grouped(s.totalPayment),
      grouped(s.amount),
      grouped(s.totalInterest),
      '',
    ]),
    '',
  ];
  if (s.upfrontFee !== '0.00')
    out.push(`手续费 Upfront fee (paid at drawdown): ${grouped(s.upfrontFee)} 元 yuan`);
  out.push(
    `年化利率 Annual rate (IRR of all payments and fees, PBoC 2021): ${percent(s.annualRate)}`,
    `月利率 Monthly rate: ${percent(s.monthlyRate)}   日利率 Daily rate: ${percent(s.dailyRate)}   ` +
      `(nominal 名义年利率 ${percent(s.nominalAnnualRate)})`,
  );
  return out.join('\n');
}

/**
 * `mianqian loan schedule …`: prints a repayment schedule as a table, or with `--json` as
 * {"instalments":[{"period","payment","principal","interest","balance"}…],"totalInterest","annualRate"}
 * (instalments carry "dueDate" too when --start-date is given). Exit 0, or 2 with a message for bad flags.
 */
export function loanScheduleCommand(args: string[]): number {
  try {
    const parsed = inputFrom(args);
    if (parsed === 'help') {
      console.log(usage);
      return 0;
    }
    const s = buildSchedule(parsed.input);
    if (parsed.json) {
      const instalments = s.instalments.map(({ period, dueDate, payment, principal, interest, balance }) => ({
        period,
        ...(dueDate === undefined ? {} : { dueDate }),
        payment,
        principal,
        interest,
        balance,
      }));
      console.log(JSON.stringify({ instalments, totalInterest: s.totalInterest, annualRate: s.annualRate }));
    } else {
      console.log(table(s));
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`mianqian loan schedule: ${e.message}\n\n${usage}`);
      return 2;
    }
    if (isAppError(e, 'VALIDATION_FAILED')) {
      const field = String(e.details?.field ?? '');
      const reason = e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
      console.error(`mianqian loan schedule: ${flagOf[field] ?? field} ${reason}`);
      return 2;
    }
    console.error(`mianqian loan schedule: internal error: ${(e as Error).message}`);
    return 1;
  }
}
