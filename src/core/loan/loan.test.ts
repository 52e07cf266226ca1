import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { isAppError } from '../errors';
import { annualisedRate } from './annualised-rate';
import { buildSchedule, type LoanSchedule } from './build-schedule';
import { addMonths, daysBetween, isCalendarDate } from './calendar-date';
import { dayCounts, type DayCount } from './day-count';
import { internalRateOfReturn } from './internal-rate-of-return';
import { levelPayment } from './level-payment';
import { repaymentMethods, type ScheduleInput } from './schedule-input';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

// ---------------------------------------------------------------------------------------------------
// Reference schedules from an independent implementation: exact fractions in Python (the script and
// the command that printed these numbers are at the end of this file). Rows: the first two and the
// last two instalments as [period, payment, principal, interest, balance]; annualRate to 12 places.
// ---------------------------------------------------------------------------------------------------
type Row = [number, string, string, string, string];
interface Reference {
  input: ScheduleInput;
  n: number;
  rows: Row[];
  totalInterest: string;
  annualRate: string;
  /** Periods per year as [numerator, denominator]. */
  perYear: [number, number];
}
const monthly: [number, number] = [12, 1];
const quarterly: [number, number] = [4, 1];
const ei = 'equal_installment' as const;
const ep = 'equal_principal' as const;
const io = 'interest_only' as const;
const references: Reference[] = [
  {
    input: { amount: '100000', annualRate: '0.049', termMonths: 12, method: ei },
    n: 12,
    rows: [
      [1, '8556.17', '8147.84', '408.33', '91852.16'],
      [2, '8556.17', '8181.11', '375.06', '83671.05'],
      [11, '8556.17', '8486.72', '69.45', '8521.32'],
      [12, '8556.12', '8521.32', '34.80', '0.00'],
    ],
    totalInterest: '2673.99',
    annualRate: '0.048999932916',
    perYear: monthly,
  },
  {
    input: { amount: '100000', annualRate: '0.05', termMonths: 12, method: ei },
    n: 12,
    rows: [
      [1, '8560.75', '8144.08', '416.67', '91855.92'],
      [2, '8560.75', '8178.02', '382.73', '83677.90'],
      [11, '8560.75', '8489.85', '70.90', '8525.21'],
      [12, '8560.73', '8525.21', '35.52', '0.00'],
    ],
    totalInterest: '2728.98',
    annualRate: '0.050000041971',
    perYear: monthly,
  },
  {
    input: { amount: '100000', annualRate: '0.0435', termMonths: 12, method: ei },
    n: 12,
    rows: [
      [1, '8530.99', '8168.49', '362.50', '91831.51'],
      [2, '8530.99', '8198.10', '332.89', '83633.41'],
      [11, '8530.99', '8469.47', '61.52', '8500.20'],
      [12, '8531.01', '8500.20', '30.81', '0.00'],
    ],
    totalInterest: '2371.90',
    annualRate: '0.043500349244',
    perYear: monthly,
  },
  {
    input: { amount: '1000000', annualRate: '0.049', termMonths: 360, method: ei },
    n: 360,
    rows: [
      [1, '5307.27', '1223.94', '4083.33', '998776.06'],
      [2, '5307.27', '1228.93', '4078.34', '997547.13'],
      [359, '5307.27', '5264.20', '43.07', '5283.62'],
      [360, '5305.19', '5283.62', '21.57', '0.00'],
    ],
    totalInterest: '910615.12',
    annualRate: '0.049000004080',
    perYear: monthly,
  },
  {
    input: { amount: '1000000', annualRate: '0.049', termMonths: 360, method: ep },
    n: 360,
    rows: [
      [1, '6861.11', '2777.78', '4083.33', '997222.22'],
      [2, '6849.77', '2777.78', '4071.99', '994444.44'],
      [359, '2800.46', '2777.78', '22.68', '2776.98'],
      [360, '2788.32', '2776.98', '11.34', '0.00'],
    ],
    totalInterest: '737041.08',
    annualRate: '0.049000000101',
    perYear: monthly,
  },
  {
    input: { amount: '120000', annualRate: '0.06', termMonths: 12, method: ep },
    n: 12,
    rows: [
      [1, '10600.00', '10000.00', '600.00', '110000.00'],
      [2, '10550.00', '10000.00', '550.00', '100000.00'],
      [11, '10100.00', '10000.00', '100.00', '10000.00'],
      [12, '10050.00', '10000.00', '50.00', '0.00'],
    ],
    totalInterest: '3900.00',
    annualRate: '0.060000000000',
    perYear: monthly,
  },
  {
    input: { amount: '50000', annualRate: '0.072', termMonths: 6, method: io },
    n: 6,
    rows: [
      [1, '300.00', '0.00', '300.00', '50000.00'],
      [2, '300.00', '0.00', '300.00', '50000.00'],
      [5, '300.00', '0.00', '300.00', '50000.00'],
      [6, '50300.00', '50000.00', '300.00', '0.00'],
    ],
    totalInterest: '1800.00',
    annualRate: '0.072000000000',
    perYear: monthly,
  },
  {
    input: { amount: '50000', annualRate: '0.072', termMonths: 6, method: 'bullet' },
    n: 1,
    rows: [[1, '51800.00', '50000.00', '1800.00', '0.00']],
    totalInterest: '1800.00',
    annualRate: '0.072000000000',
    perYear: [2, 1],
  },
  {
    input: { amount: '200000', annualRate: '0.055', termMonths: 24, method: ei, frequency: 'quarterly' },
    n: 8,
    rows: [
      [1, '26571.52', '23821.52', '2750.00', '176178.48'],
      [2, '26571.52', '24149.07', '2422.45', '152029.41'],
      [7, '26571.52', '25855.60', '715.92', '26211.08'],
      [8, '26571.48', '26211.08', '360.40', '0.00'],
    ],
    totalInterest: '12572.12',
    annualRate: '0.054999993518',
    perYear: quarterly,
  },
  {
    input: { amount: '200000', annualRate: '0.055', termMonths: 24, method: ep, frequency: 'quarterly' },
    n: 8,
    rows: [
      [1, '27750.00', '25000.00', '2750.00', '175000.00'],
      [2, '27406.25', '25000.00', '2406.25', '150000.00'],
      [7, '25687.50', '25000.00', '687.50', '25000.00'],
      [8, '25343.75', '25000.00', '343.75', '0.00'],
    ],
    totalInterest: '12375.00',
    annualRate: '0.055000000000',
    perYear: quarterly,
  },
  {
    input: { amount: '300000', annualRate: '0.04', termMonths: 12, method: io, frequency: 'quarterly' },
    n: 4,
    rows: [
      [1, '3000.00', '0.00', '3000.00', '300000.00'],
      [2, '3000.00', '0.00', '3000.00', '300000.00'],
      [3, '3000.00', '0.00', '3000.00', '300000.00'],
      [4, '303000.00', '300000.00', '3000.00', '0.00'],
    ],
    totalInterest: '12000.00',
    annualRate: '0.040000000000',
    perYear: quarterly,
  },
  // ACT/365 from 31 January of a leap year: due dates 2024-02-29, 03-31, 04-30, …, 2025-01-31.
  {
    input: {
      amount: '100000',
      annualRate: '0.0365',
      termMonths: 12,
      method: ei,
      dayCount: 'ACT/365',
      startDate: '2024-01-31',
    },
    n: 12,
    rows: [
      [1, '8499.01', '8209.01', '290.00', '91790.99'],
      [2, '8499.01', '8214.46', '284.55', '83576.53'],
      [11, '8499.01', '8446.57', '52.44', '8468.79'],
      [12, '8495.04', '8468.79', '26.25', '0.00'],
    ],
    totalInterest: '1984.15',
    annualRate: '0.036429239090',
    perYear: monthly,
  },
  {
    input: {
      amount: '100000',
      annualRate: '0.0365',
      termMonths: 12,
      method: ep,
      dayCount: 'ACT/365',
      startDate: '2024-01-31',
    },
    n: 12,
    rows: [
      [1, '8623.33', '8333.33', '290.00', '91666.67'],
      [2, '8617.50', '8333.33', '284.17', '83333.34'],
      [11, '8385.00', '8333.33', '51.67', '8333.37'],
      [12, '8359.20', '8333.37', '25.83', '0.00'],
    ],
    totalInterest: '1973.33',
    annualRate: '0.036427459635',
    perYear: monthly,
  },
  // Quarterly across a leap February: 2023-11-30 → 2024-02-29 (91 days), 05-30, 08-30, 11-30.
  {
    input: {
      amount: '300000',
      annualRate: '0.04',
      termMonths: 12,
      method: ep,
      frequency: 'quarterly',
      dayCount: 'ACT/365',
      startDate: '2023-11-30',
    },
    n: 4,
    rows: [
      [1, '77991.78', '75000.00', '2991.78', '225000.00'],
      [2, '77243.84', '75000.00', '2243.84', '150000.00'],
      [3, '76512.33', '75000.00', '1512.33', '75000.00'],
      [4, '75756.16', '75000.00', '756.16', '0.00'],
    ],
    totalInterest: '7504.11',
    annualRate: '0.040020181304',
    perYear: quarterly,
  },
  {
    input: {
      amount: '100000',
      annualRate: '0.0365',
      termMonths: 6,
      method: io,
      dayCount: 'ACT/360',
      startDate: '2023-11-30',
    },
    n: 6,
    rows: [
      [1, '304.17', '0.00', '304.17', '100000.00'],
      [2, '314.31', '0.00', '314.31', '100000.00'],
      [5, '314.31', '0.00', '314.31', '100000.00'],
      [6, '100304.17', '100000.00', '304.17', '0.00'],
    ],
    totalInterest: '1845.30',
    annualRate: '0.036905998725',
    perYear: monthly,
  },
  // A year that contains 29 February 2024: 366 days.
  {
    input: {
      amount: '100000',
      annualRate: '0.0365',
      termMonths: 12,
      method: 'bullet',
      dayCount: 'ACT/365',
      startDate: '2023-03-15',
    },
    n: 1,
    rows: [[1, '103660.00', '100000.00', '3660.00', '0.00']],
    totalInterest: '3660.00',
    annualRate: '0.036500000000',
    perYear: [365, 366],
  },
  {
    input: {
      amount: '100000',
      annualRate: '0.0365',
      termMonths: 12,
      method: 'bullet',
      dayCount: 'ACT/360',
      startDate: '2023-03-15',
    },
    n: 1,
    rows: [[1, '103710.83', '100000.00', '3710.83', '0.00']],
    totalInterest: '3710.83',
    annualRate: '0.036499967213',
    perYear: [360, 366],
  },
  {
    input: { amount: '100000', annualRate: '0.049', termMonths: 12, method: ei, upfrontFee: '1000' },
    n: 12,
    rows: [
      [1, '8556.17', '8147.84', '408.33', '91852.16'],
      [2, '8556.17', '8181.11', '375.06', '83671.05'],
      [11, '8556.17', '8486.72', '69.45', '8521.32'],
      [12, '8556.12', '8521.32', '34.80', '0.00'],
    ],
    totalInterest: '2673.99',
    annualRate: '0.067812147342',
    perYear: monthly,
  },
  // "Interest-free" with a 7.2% fee: 0% nominal, 14.02% annualised.
  {
    input: { amount: '10000', annualRate: '0', termMonths: 12, method: ei, upfrontFee: '720' },
    n: 12,
    rows: [
      [1, '833.33', '833.33', '0.00', '9166.67'],
      [2, '833.33', '833.33', '0.00', '8333.34'],
      [11, '833.33', '833.33', '0.00', '833.37'],
      [12, '833.37', '833.37', '0.00', '0.00'],
    ],
    totalInterest: '0.00',
    annualRate: '0.140248875064',
    perYear: monthly,
  },
  {
    input: { amount: '1200', annualRate: '0', termMonths: 12, method: ei },
    n: 12,
    rows: [
      [1, '100.00', '100.00', '0.00', '1100.00'],
      [2, '100.00', '100.00', '0.00', '1000.00'],
      [11, '100.00', '100.00', '0.00', '100.00'],
      [12, '100.00', '100.00', '0.00', '0.00'],
    ],
    totalInterest: '0.00',
    annualRate: '0.000000000000',
    perYear: monthly,
  },
  // A few fen: the rounded-up principal part (0.02) would overshoot, so it is capped at the balance.
  {
    input: { amount: '0.09', annualRate: '0', termMonths: 6, method: ep },
    n: 6,
    rows: [
      [1, '0.02', '0.02', '0.00', '0.07'],
      [2, '0.02', '0.02', '0.00', '0.05'],
      [5, '0.01', '0.01', '0.00', '0.00'],
      [6, '0.00', '0.00', '0.00', '0.00'],
    ],
    totalInterest: '0.00',
    annualRate: '0.000000000000',
    perYear: monthly,
  },
  // Interest exactly half a fen (6 × 0.01 / 12 = 0.005) although 0.01 / 12 does not terminate.
  {
    input: { amount: '6', annualRate: '0.01', termMonths: 1, method: ei },
    n: 1,
    rows: [[1, '6.01', '6.00', '0.01', '0.00']],
    totalInterest: '0.01',
    annualRate: '0.020000000000',
    perYear: monthly,
  },
  // Level payment exactly half a fen: 14406 · (1201/1200)² / (2401/1200) = 7212.005.
  {
    input: { amount: '14406', annualRate: '0.01', termMonths: 2, method: ei },
    n: 2,
    rows: [
      [1, '7212.01', '7200.00', '12.01', '7206.00'],
      [2, '7212.01', '7206.00', '6.01', '0.00'],
    ],
    totalInterest: '18.02',
    annualRate: '0.010005551700',
    perYear: monthly,
  },
  {
    input: { amount: '1000', annualRate: '0.0435', termMonths: 12, method: ei },
    n: 12,
    rows: [
      [1, '85.31', '81.68', '3.63', '918.32'],
      [2, '85.31', '81.98', '3.33', '836.34'],
      [11, '85.31', '84.69', '0.62', '85.00'],
      [12, '85.31', '85.00', '0.31', '0.00'],
    ],
    totalInterest: '23.72',
    annualRate: '0.043502178455',
    perYear: monthly,
  },
];

/** The borrower's cash flows of a schedule: amount − fee received, then every payment. */
function cashFlows(s: LoanSchedule): Decimal[] {
  return [new D(s.amount).minus(s.upfrontFee), ...s.instalments.map((i) => new D(i.payment).negated())];
}

describe('loan schedules: reference values', () => {
  it.each(references.map((r) => [JSON.stringify(r.input), r] as const))('%s', (_name, ref) => {
    const s = buildSchedule(ref.input);
    expect(s.instalments).toHaveLength(ref.n);
    for (const [period, payment, principal, interest, balance] of ref.rows)
      expect(s.instalments[period - 1]).toMatchObject({ period, payment, principal, interest, balance });
    expect(s.totalInterest).toBe(ref.totalInterest);
    expect(s.annualRate).toBe(new D(ref.annualRate).toFixed(6));
    const exact = annualisedRate({
      cashFlows: cashFlows(s),
      periodsPerYear: new D(ref.perYear[0]).div(ref.perYear[1]),
    });
    expect(exact.minus(ref.annualRate).abs().toNumber()).toBeLessThan(1e-12);
  });

  it('reproduces widely published figures', () => {
    // 10万元 1年 4.35% 等额本息 月供 8530.99; 5% 月供 8560.75 (8,560.75 is the 5% figure, not 4.9%'s 8,556.17).
    expect(
      buildSchedule({ amount: '100000', annualRate: '0.0435', termMonths: 12, method: ei }).instalments[0]!
        .payment,
    ).toBe('8530.99');
    expect(
      buildSchedule({ amount: '100000', annualRate: '0.05', termMonths: 12, method: ei }).instalments[0]!
        .payment,
    ).toBe('8560.75');
    // 100万元 30年 4.9%: 等额本息 月供 5307.27; 等额本金 首月 6861.11, 每月递减 11.34,
    // total interest ≈ P·r·(n+1)/2 = 737,041.67 (ours differs by the rounding of 1e6/360 to 2777.78).
    const level = buildSchedule({ amount: '1000000', annualRate: '0.049', termMonths: 360, method: ei });
    expect(level.instalments[0]!.payment).toBe('5307.27');
    const even = buildSchedule({ amount: '1000000', annualRate: '0.049', termMonths: 360, method: ep });
    expect(even.instalments[0]!.payment).toBe('6861.11');
    expect(new D(even.instalments[0]!.payment).minus(even.instalments[1]!.payment).toFixed(2)).toBe('11.34');
    expect(new D(even.totalInterest).minus('737041.67').abs().toNumber()).toBeLessThan(1);
  });

  it('puts due dates on the drawdown day, clamped to month ends, and counts actual days', () => {
    const s = buildSchedule({ ...references[11]!.input });
    expect(s.instalments.map((i) => i.dueDate)).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-30',
      '2024-10-31',
      '2024-11-30',
      '2024-12-31',
      '2025-01-31',
    ]);
    // first period: 29 days of ACT/365 on 100,000 at 3.65% = 290.00
    expect(s.instalments[0]!.interest).toBe('290.00');
    const bullet = buildSchedule({
      amount: '1000',
      annualRate: '0.05',
      termMonths: 1,
      method: 'bullet',
      startDate: '2024-01-31',
    });
    expect(bullet.instalments).toEqual([
      {
        period: 1,
        dueDate: '2024-02-29',
        payment: '1004.17',
        principal: '1000.00',
        interest: '4.17',
        balance: '0.00',
      },
    ]);
    expect(
      buildSchedule({ amount: '1000', annualRate: '0.05', termMonths: 12, method: ei }).instalments[0],
    ).not.toHaveProperty('dueDate');
  });

  it('shows the nominal monthly and daily rates beside the annual rate', () => {
    const s = buildSchedule({ amount: '100000', annualRate: '0.049', termMonths: 12, method: ei });
    expect(s).toMatchObject({
      nominalAnnualRate: '0.049',
      periodicRate: '0.0040833333',
      monthlyRate: '0.0040833333',
      dailyRate: '0.0001361111',
      periodsPerYear: '12',
      annualRate: '0.049000',
      totalPayment: '102673.99',
    });
    expect(
      buildSchedule({
        amount: '1',
        annualRate: '0.0365',
        termMonths: 12,
        method: ei,
        dayCount: 'ACT/365',
        startDate: '2024-01-01',
      }).dailyRate,
    ).toBe('0.0001000000');
  });

  it('keeps the level payment under ACT and pays the interest alone when it exceeds the payment', () => {
    const s = buildSchedule({
      amount: '100000',
      annualRate: '0.6',
      termMonths: 360,
      method: ei,
      dayCount: 'ACT/360',
      startDate: '2024-01-31',
    });
    // level payment 5000.00; March has 31 days: interest 5158.06 > 5000.00, so principal 0.00
    expect(s.instalments[0]).toMatchObject({ payment: '5000.00', principal: '166.67', interest: '4833.33' });
    expect(s.instalments[1]).toMatchObject({ payment: '5158.06', principal: '0.00', interest: '5158.06' });
    expect(s.instalments.every((i) => !i.principal.startsWith('-'))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// A second independent implementation for 30/360: the same rules over BigInt fen and exact fractions.
// ---------------------------------------------------------------------------------------------------
const toFen = (yuan: string): bigint => {
  const [whole, frac = ''] = yuan.split('.');
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, '0'));
};
const fenText = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const halfUp = (num: bigint, den: bigint) => (2n * num + den) / (2n * den);

function bigIntSchedule(input: ScheduleInput): Row[] {
  const P = toFen(input.amount);
  const frac = input.annualRate.split('.')[1] ?? '';
  const rn = BigInt(input.annualRate.replace('.', '')); // rate = rn / rd
  const rd = 10n ** BigInt(frac.length);
  const months = BigInt(input.termMonths);
  if (input.method === 'bullet') {
    const i = halfUp(P * rn * months, rd * 12n);
    return [[1, fenText(P + i), fenText(P), fenText(i), '0.00']];
  }
  const step = input.frequency === 'quarterly' ? 3n : 1n;
  const n = months / step;
  const [a, b] = [rn * step, rd * 12n]; // periodic rate a / b
  const level = rn === 0n ? halfUp(P, n) : halfUp(P * a * (b + a) ** n, b * ((b + a) ** n - b ** n));
  const rows: Row[] = [];
  let B = P;
  for (let k = 1n; k <= n; k++) {
    const i = halfUp(B * a, b);
    let p = 0n;
    if (k === n) p = B;
    else if (input.method === 'equal_installment') p = level - i < 0n ? 0n : level - i > B ? B : level - i;
    else if (input.method === 'equal_principal') p = halfUp(P, n) > B ? B : halfUp(P, n);
    B -= p;
    rows.push([Number(k), fenText(p + i), fenText(p), fenText(i), fenText(B)]);
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------------
const amountFen = fc.oneof(
  fc.bigInt({ min: 1n, max: 10_000n }), // up to 100 yuan: rounding dominates
  fc.bigInt({ min: 10_000n, max: 10_000_000_000n }), // 100 yuan – 100 million yuan
  fc.bigInt({ min: 1n, max: 999_999_999_999_999n }), // anything up to MAX_YUAN
);
const annualRateText = fc
  .oneof(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 999_999 }))
  .map((millionths) => `0.${String(millionths).padStart(6, '0')}`);
const calendarDate = fc
  .record({
    y: fc.integer({ min: 1990, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.constantFrom(1, 15, 28, 29, 30, 31),
  })
  .map(({ y, m, d }) => {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  });

function scheduleInputs({ dayCount, withFee }: { dayCount?: DayCount; withFee: boolean }) {
  return fc
    .record({
      fen: amountFen,
      annualRate: annualRateText,
      method: fc.constantFrom(...repaymentMethods),
      quarterly: fc.boolean(),
      months: fc.integer({ min: 1, max: 600 }),
      quarters: fc.integer({ min: 1, max: 200 }),
      dayCount: dayCount === undefined ? fc.constantFrom(...dayCounts) : fc.constant(dayCount),
      startDate: fc.option(calendarDate, { nil: undefined }),
      feePerMille: withFee ? fc.integer({ min: 1, max: 999 }) : fc.constant(0),
    })
    .map((r): ScheduleInput => {
      const input: ScheduleInput = {
        amount: fenText(r.fen),
        annualRate: r.annualRate,
        termMonths: r.quarterly ? r.quarters * 3 : r.months,
        method: r.method,
        frequency: r.quarterly ? 'quarterly' : 'monthly',
        dayCount: r.dayCount,
      };
      const startDate = r.startDate ?? (r.dayCount === '30/360' ? undefined : '2024-01-31');
      if (startDate !== undefined) input.startDate = startDate;
      const fee = (r.fen * BigInt(r.feePerMille)) / 1000n;
      if (withFee) input.upfrontFee = fenText(fee > 0n ? fee : 1n);
      return input;
    })
    .filter((input) => !withFee || toFen(input.upfrontFee!) < toFen(input.amount));
}

/** Nominal periodic rate and periods per year of a 30/360 schedule (a bullet's period is its term). */
function nominal(input: ScheduleInput): { r: Decimal; m: Decimal } {
  const months = input.method === 'bullet' ? input.termMonths : input.frequency === 'quarterly' ? 3 : 1;
  return { r: new D(input.annualRate).times(months).div(12), m: new D(12).div(months) };
}

const FEN_TEXT = /^\d+\.\d{2}$/;

describe('loan schedules: properties', () => {
  it('sum their principal parts to exactly the amount, end at 0.00 and keep every amount in whole fen', () => {
    fc.assert(
      fc.property(scheduleInputs({ withFee: false }), (input) => {
        const s = buildSchedule(input);
        const periods =
          input.method === 'bullet' ? 1 : input.termMonths / (input.frequency === 'quarterly' ? 3 : 1);
        expect(s.instalments).toHaveLength(periods);
        let balance = new D(input.amount);
        let principal = new D(0);
        let interest = new D(0);
        let payment = new D(0);
        for (const [k, i] of s.instalments.entries()) {
          expect(i.period).toBe(k + 1);
          for (const amount of [i.payment, i.principal, i.interest, i.balance])
            expect(amount).toMatch(FEN_TEXT);
          expect(new D(i.principal).plus(i.interest).toFixed(2)).toBe(i.payment);
          balance = balance.minus(i.principal);
          expect(balance.toFixed(2)).toBe(i.balance);
          principal = principal.plus(i.principal);
          interest = interest.plus(i.interest);
          payment = payment.plus(i.payment);
        }
        expect(principal.toFixed(2)).toBe(new D(input.amount).toFixed(2));
        expect(s.instalments.at(-1)!.balance).toBe('0.00');
        expect(s.totalInterest).toBe(interest.toFixed(2));
        expect(s.totalPayment).toBe(payment.toFixed(2));
        if (input.startDate !== undefined) {
          const dates = s.instalments.map((i) => i.dueDate!);
          expect(dates.at(-1)).toBe(addMonths(input.startDate, input.termMonths));
          for (const [k, date] of dates.entries())
            expect(daysBetween(k === 0 ? input.startDate : dates[k - 1]!, date)).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('match the BigInt reference implementation exactly under 30/360', () => {
    fc.assert(
      fc.property(scheduleInputs({ dayCount: '30/360', withFee: false }), (input) => {
        const rows = buildSchedule(input).instalments.map((i): Row => [
          i.period,
          i.payment,
          i.principal,
          i.interest,
          i.balance,
        ]);
        expect(rows).toEqual(bigIntSchedule(input));
      }),
      { numRuns: 200 },
    );
  });

  /**
   * Without fees, under 30/360, the annual rate is the nominal rate up to the fen rounding of interest.
   * Exactly: the payments' present value at the nominal periodic rate r is P + Σ e_k(1+r)^−k with
   * |e_k| ≤ 0.005 (each interest amount is off by at most half a fen, and the last instalment settles
   * the balance), and by the mean-value theorem |i − r| ≤ 0.005·Σ(1+r)^−k / Σ k·p_k·(1+ρ)^−(k+1),
   * ρ = max(i, r). The printed 6-place rate equals the nominal one whenever that bound × periods per
   * year is below 5e−7 (most sizeable loans; not, say, 1,000 yuan over a year, which prints 0.043502).
   */
  it('annualise to the nominal rate without fees, within the fen-rounding bound', () => {
    let printedExactly = 0;
    fc.assert(
      fc.property(scheduleInputs({ dayCount: '30/360', withFee: false }), (input) => {
        const s = buildSchedule(input);
        const { r, m } = nominal(input);
        const payments = s.instalments.map((x) => new D(x.payment));
        const P = new D(input.amount);
        const i = annualisedRate({ cashFlows: cashFlows(s), periodsPerYear: m }).div(m);
        const v = new D(1).div(r.plus(1));
        let pv = new D(0);
        let annuity = new D(0);
        let vk = new D(1);
        for (const p of payments) {
          vk = vk.times(v);
          pv = pv.plus(p.times(vk));
          annuity = annuity.plus(vk);
        }
        const rounding = annuity.times('0.005');
        expect(pv.minus(P).abs().lte(rounding)).toBe(true);
        const w = new D(1).div(Decimal.max(i, r).plus(1));
        let slope = new D(0);
        let wk = w;
        for (const [k, p] of payments.entries()) {
          wk = wk.times(w);
          slope = slope.plus(p.times(k + 1).times(wk));
        }
        const bound = rounding.div(slope);
        expect(i.minus(r).abs().lte(bound.plus('1e-28'))).toBe(true);
        if (bound.times(m).lt('5e-7')) {
          expect(s.annualRate).toBe(new D(input.annualRate).toFixed(6));
          printedExactly++;
        }
      }),
      { numRuns: 200 },
    );
    expect(printedExactly).toBeGreaterThan(50);
  });

  it('annualise strictly above the fee-free rate when there is an upfront fee', () => {
    fc.assert(
      fc.property(scheduleInputs({ withFee: true }), (input) => {
        const withFee = buildSchedule(input);
        const { upfrontFee: _fee, ...rest } = input;
        const without = buildSchedule(rest);
        expect(withFee.instalments).toEqual(without.instalments);
        const m = new D(withFee.periodsPerYear);
        const higher = annualisedRate({ cashFlows: cashFlows(withFee), periodsPerYear: m });
        const lower = annualisedRate({ cashFlows: cashFlows(without), periodsPerYear: m });
        expect(higher.gt(lower)).toBe(true);
        expect(new D(withFee.annualRate).gte(without.annualRate)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('handle zero-interest loans', () => {
    for (const method of repaymentMethods) {
      const s = buildSchedule({ amount: '1000.01', annualRate: '0', termMonths: 7, method });
      expect(s.totalInterest).toBe('0.00');
      expect(s.annualRate).toBe('0.000000');
      expect(s.totalPayment).toBe('1000.01');
    }
  });
});

describe('internal rate of return', () => {
  it('solves known cases to high precision', () => {
    expect(internalRateOfReturn({ cashFlows: [100, -110] }).toFixed(30)).toBe(new D('0.1').toFixed(30));
    expect(
      internalRateOfReturn({ cashFlows: [100, -50, -50] })
        .abs()
        .lt('1e-30'),
    ).toBe(true);
    // 100 = 60v + 60v²  and  100 = 50v + 40v² (a negative rate), solved in closed form with Python:
    //   python3 -c "from decimal import *; getcontext().prec=60; v=(-60+Decimal(27600).sqrt())/120; print(1/v-1)"
    const cases: [number[], string][] = [
      [[100, -60, -60], '0.130662386291807485258426274490749201023'],
      [[100, -50, -40], '-0.069926474563227832748503131397130592350'],
    ];
    for (const [flows, expected] of cases)
      expect(internalRateOfReturn({ cashFlows: flows }).minus(expected).abs().lt('1e-30')).toBe(true);
    expect(
      internalRateOfReturn({ cashFlows: [1, -1000] })
        .minus(999)
        .abs()
        .lt('1e-25'),
    ).toBe(true);
    expect(annualisedRate({ cashFlows: [100, -60, -60], periodsPerYear: 12 }).toFixed(8)).toBe('1.56794864');
  });

  it('does not depend on the starting guess', () => {
    const flows = cashFlows(
      buildSchedule({
        amount: '250000',
        annualRate: '0.0599',
        termMonths: 240,
        method: ei,
        upfrontFee: '3000',
      }),
    );
    const results = ['-0.99', '-0.5', '0', '0.0049', '0.5', '10'].map((guess) =>
      internalRateOfReturn({ cashFlows: flows, guess }),
    );
    for (const r of results) expect(r.minus(results[2]!).abs().lt('1e-28')).toBe(true);
  });

  it('refuses flows without a single sign change', () => {
    for (const flows of [[], [0, -1], [-100, 110], [100, 5, -200], [100, 0, 0], [100]])
      expect(() => internalRateOfReturn({ cashFlows: flows })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
  });
});

describe('calendar dates and the level payment', () => {
  it('adds months with end-of-month clamping and counts actual days', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
    expect(addMonths('2024-12-15', 600)).toBe('2074-12-15');
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1);
    expect(daysBetween('2023-03-15', '2024-03-15')).toBe(366);
    expect(daysBetween('2100-02-28', '2100-03-01')).toBe(1);
    for (const ok of ['2024-02-29', '2000-02-29', '1900-01-01']) expect(isCalendarDate(ok)).toBe(true);
    for (const bad of ['2023-02-29', '2100-02-29', '2024-13-01', '2024-04-31', '2024-1-01', '24-01-01', ''])
      expect(isCalendarDate(bad)).toBe(false);
  });

  it('counts days as the platform clock would', () => {
    fc.assert(
      fc.property(calendarDate, calendarDate, (a, b) => {
        expect(daysBetween(a, b)).toBe(
          (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000,
        );
      }),
    );
  });

  it('rounds an exact half fen of the level payment up', () => {
    const payment = levelPayment({
      amount: new D('14406'),
      annualRate: new D('0.01'),
      periodsPerYear: 12,
      periods: 2,
    });
    expect(payment.toFixed(2)).toBe('7212.01');
  });
});

describe('schedule input validation', () => {
  const good: ScheduleInput = { amount: '100000', annualRate: '0.049', termMonths: 12, method: ei };
  const bad: [string, Partial<Record<keyof ScheduleInput, unknown>>][] = [
    ['amount', { amount: '0' }],
    ['amount', { amount: '-5' }],
    ['amount', { amount: '1.001' }],
    ['amount', { amount: '1e5' }],
    ['annualRate', { annualRate: '1' }],
    ['annualRate', { annualRate: '4.9' }],
    ['annualRate', { annualRate: '-0.01' }],
    ['annualRate', { annualRate: '0.0000000000001' }],
    ['termMonths', { termMonths: 0 }],
    ['termMonths', { termMonths: 601 }],
    ['termMonths', { termMonths: 1.5 }],
    ['termMonths', { termMonths: 13, frequency: 'quarterly' }],
    ['method', { method: 'equal-installment' }],
    ['frequency', { frequency: 'weekly' }],
    ['dayCount', { dayCount: 'ACT/ACT' }],
    ['startDate', { dayCount: 'ACT/365' }],
    ['startDate', { startDate: '2023-02-29' }],
    ['startDate', { startDate: '1899-12-31' }],
    ['upfrontFee', { upfrontFee: '100000' }],
    ['upfrontFee', { upfrontFee: '0.001' }],
  ];
  it.each(bad)('rejects a bad %s', (field, change) => {
    let error: unknown;
    try {
      buildSchedule({ ...good, ...change } as ScheduleInput);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'VALIDATION_FAILED')).toBe(true);
    expect((error as { details: { field: string } }).details.field).toBe(field);
  });

  it('accepts the limits', () => {
    expect(buildSchedule({ ...good, amount: '0.01', termMonths: 600 }).instalments).toHaveLength(600);
    expect(
      buildSchedule({ ...good, amount: '9999999999999.99', annualRate: '0.999999999999', termMonths: 1 })
        .instalments,
    ).toHaveLength(1);
    expect(
      buildSchedule({ ...good, termMonths: 7, frequency: 'quarterly', method: 'bullet' }).instalments,
    ).toHaveLength(1);
  });
});

/*
The reference schedules above were printed by this script (Python 3.11, exact fractions):

  python3 ref.py '[["100000","0.049",12,"equal_installment"], ["200000","0.055",24,"equal_installment",3],
    ["100000","0.0365",12,"equal_installment",1,"ACT/365","2024-01-31"],
    ["100000","0.049",12,"equal_installment",1,"30/360",null,"1000"], …]'
  (spec: amount, rate, months, method, months per period, day count, start date, upfront fee)

import sys, json, calendar
from fractions import Fraction as F
from datetime import date
from decimal import Decimal, getcontext
getcontext().prec = 60
def fen(x):  # a Fraction of yuan → whole fen, half up (x ≥ 0)
    c = x * 100; q = c.numerator // c.denominator
    return q + (1 if c - q >= F(1, 2) else 0)
def add_months(d, m):
    y, mo = divmod(d.month - 1 + m, 12); y += d.year; mo += 1
    return date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))
def yf(dc, months, start, end):  # year fraction
    return F(months, 12) if dc == '30/360' else F((end - start).days, 360 if dc == 'ACT/360' else 365)
def sched(amount, rate, months, method, step=1, dc='30/360', start=None, fee='0'):
    P, a, s = fen(F(amount)), F(rate), start and date.fromisoformat(start)
    due = lambda k: s and add_months(s, k)
    if method == 'bullet':
        f = yf(dc, months, s, due(months)); i = fen(F(P, 100) * a * f)
        return [(P + i, P, i, 0)], 1 / f
    n, r, rows, B = months // step, a * step / 12, [], P
    A = (fen(F(P, 100) / n) if r == 0 else fen(F(P, 100) * r * (1 + r) ** n / ((1 + r) ** n - 1)))
    for k in range(1, n + 1):
        i = fen(F(B, 100) * a * yf(dc, step, due((k - 1) * step), due(k * step)))
        p = B if k == n else {'equal_installment': min(max(A - i, 0), B),
                              'equal_principal': min(fen(F(P, 100) / n), B)}.get(method, 0)
        B -= p; rows.append((p + i, p, i, B))
    return rows, F(12, step)
def annual(P, fee, pays, m):  # IRR by bisection on [0, 10] per period, × periods per year
    lo, hi, c0 = Decimal(0), Decimal(10), Decimal(P - fee) / 100
    for _ in range(190):
        mid = (lo + hi) / 2; v = 1 / (1 + mid)
        if sum(Decimal(p) / 100 * v ** (k + 1) for k, p in enumerate(pays)) > c0: lo = mid
        else: hi = mid
    return lo * Decimal(m.numerator) / Decimal(m.denominator)
y = lambda c: f"{c // 100}.{c % 100:02d}"
for spec in json.loads(sys.argv[1]):
    rows, m = sched(*spec)
    out = [[k + 1] + [y(v) for v in row] for k, row in enumerate(rows)]
    print(json.dumps({"spec": spec, "n": len(out), "rows": out if len(out) <= 4 else out[:2] + out[-2:],
                      "totalInterest": y(sum(r[2] for r in rows)),
                      "annualRate": f"{annual(fen(F(spec[0])), fen(F(spec[7] if len(spec) > 7 else '0')), [r[0] for r in rows], m):.12f}"}))
*/
