/**
 * A complete, fictitious loan contract for tests, demos and layout checks: a bank, an individual
 * borrower and one individual guarantor; ¥100,000.00 over 36 months, 等额本息 at 4.35 % with a one-off
 * fee, a time-deposit pledge. The schedule and the annualised rate are computed here, exactly, so the
 * sample is self-consistent. All names, numbers and addresses are invented.
 */
import Decimal from 'decimal.js';
import { addMonths } from '../identity/id-number';
import { formatYuan, roundToFen, Yuan } from '../money/money';
import type { ContractData, ContractLocale, ScheduleRow } from './contract-data';
import { maskAccountNumber, maskIdNumber } from './contract-data';
import { LOAN_CONTRACT_TEMPLATE } from './loan-contract-template';

/** 等额本息: fen-rounded instalments, the rounding residue in the last one. */
function equalInstalmentSchedule(
  amount: string,
  annualRate: string,
  months: number,
  start: string,
): ScheduleRow[] {
  const r = new Yuan(annualRate).dividedBy(12);
  const growth = r.plus(1).pow(months);
  const instalment = roundToFen(new Yuan(amount).times(r).times(growth).dividedBy(growth.minus(1)));
  let balance = new Yuan(amount);
  const rows: ScheduleRow[] = [];
  for (let period = 1; period <= months; period++) {
    const interest = roundToFen(balance.times(r));
    const principal = period === months ? balance : instalment.minus(interest);
    balance = balance.minus(principal);
    rows.push({
      period,
      dueDate: addMonths({ date: start, months: period }),
      payment: formatYuan(principal.plus(interest)),
      principal: formatYuan(principal),
      interest: formatYuan(interest),
      balance: formatYuan(balance),
    });
  }
  return rows;
}

/** Monthly IRR × 12 (PBOC 〔2021〕 No. 3) of receiving `net` now and paying `payments` monthly, by bisection. */
function annualisedRate(net: Decimal, payments: readonly string[]): string {
  const amounts = payments.map((p) => new Decimal(p));
  let low = new Decimal(0);
  let high = new Decimal(1);
  for (let i = 0; i < 50; i++) {
    const mid = low.plus(high).dividedBy(2);
    const discount = new Decimal(1).dividedBy(mid.plus(1));
    let factor = new Decimal(1);
    let present = new Decimal(0);
    for (const amount of amounts) {
      factor = factor.times(discount);
      present = present.plus(amount.times(factor));
    }
    if (present.gt(net)) low = mid;
    else high = mid;
  }
  return low.times(12).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

const AMOUNT = '100000.00';
const RATE = '0.0435';
const FEE = '300.00';
const START = '2026-06-01';
const MONTHS = 36;

/** The sample contract in the given language; `overrides` replaces top-level fields. */
export function sampleContractData(
  locale: ContractLocale,
  overrides: Partial<ContractData> = {},
): ContractData {
  const schedule = equalInstalmentSchedule(AMOUNT, RATE, MONTHS, START);
  const apr = annualisedRate(
    new Yuan(AMOUNT).minus(FEE),
    schedule.map((r) => r.payment),
  );
  const zh = locale === 'zh-CN';
  const bank = zh
    ? '面签示范银行股份有限公司北京朝阳支行'
    : 'Mianqian Demonstration Bank Co., Ltd., Beijing Chaoyang Sub-branch';
  const borrower = zh ? '张三' : 'Zhang San';
  const guarantor = zh ? '李四' : 'Li Si';
  const account = {
    bankName: zh ? '面签示范银行北京望京支行' : 'Mianqian Demonstration Bank, Beijing Wangjing Sub-branch',
    accountName: borrower,
    accountNumberMasked: maskAccountNumber('6222 0210 0112 1234'),
  };
  return {
    template: LOAN_CONTRACT_TEMPLATE,
    locale,
    contractNumber: 'MQ-2026-000123',
    date: '2026-05-20',
    issuedAt: '2026-05-20T10:00:00+08:00',
    lender: {
      name: bank,
      address: zh ? '北京市朝阳区建国路88号' : '88 Jianguo Road, Chaoyang District, Beijing',
      creditCode: '91110105MA01C8XK3R',
      representative: zh ? '王五' : 'Wang Wu',
    },
    borrower: {
      kind: 'individual',
      name: borrower,
      idNumberMasked: maskIdNumber('110105198803154214'),
      address: zh
        ? '北京市朝阳区望京街道花家地北里3号楼2单元501室'
        : 'Flat 501, Unit 2, Building 3, Huajiadi Beili, Wangjing, Chaoyang District, Beijing',
      mobileMasked: '138****8000',
    },
    guarantors: [
      {
        kind: 'individual',
        name: guarantor,
        identifier: maskIdNumber('110108198507221637'),
        liability: 'joint_and_several',
      },
    ],
    collateral: [
      {
        type: 'pledge',
        description: zh
          ? '面签示范银行定期存单一张，存单号尾号5678，金额人民币50,000.00元，到期日2029年6月1日'
          : 'Time-deposit certificate of Mianqian Demonstration Bank ending 5678, CNY 50,000.00, maturing 1 June 2029',
        appraisedValue: '50000.00',
        owner: borrower,
      },
    ],
    loan: {
      amount: AMOUNT,
      currency: 'CNY',
      purpose: zh ? '家庭住房装修' : 'home renovation',
      termMonths: MONTHS,
      startDate: START,
      endDate: addMonths({ date: START, months: MONTHS }),
      repaymentMethod: 'equal_installment',
      repaymentDay: 1,
      dayCount: '30/360',
      nominalAnnualRate: RATE,
      annualisedRate: apr,
      fees: [{ name: zh ? '账户管理费' : 'Account management fee', amount: FEE, basis: 'one_off' }],
      disbursementAccount: account,
      repaymentAccount: account,
    },
    schedule,
    signers: [
      { role: 'lender', displayName: bank, fieldName: 'sig_lender' },
      { role: 'borrower', displayName: borrower, fieldName: 'sig_borrower' },
      { role: 'guarantor', displayName: guarantor, fieldName: 'sig_guarantor_1' },
    ],
    ...overrides,
  };
}
