/**
 * A complete, fictitious loan contract for tests, demos and layout checks: a bank, an individual
 * borrower and one individual guarantor; ¥100,000.00 over 36 months, 等额本息 at 4.35 % with a one-off
 * fee, a time-deposit pledge. The schedule and the annualised rate come from core/loan. All names, numbers and addresses are invented.
 */
import Decimal from 'decimal.js';
import { addMonths } from '../identity/id-number';
import { buildSchedule } from '../loan/build-schedule';
import type { ContractData, ContractLocale, ScheduleRow } from './contract-data';
import { maskAccountNumber, maskIdNumber } from './contract-data';
import { LOAN_CONTRACT_TEMPLATE } from './loan-contract-template';

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
  // The schedule and the 年化利率 come from the loan maths (core/loan), as for a real contract.
  const computed = buildSchedule({
    amount: AMOUNT,
    annualRate: RATE,
    termMonths: MONTHS,
    method: 'equal_installment',
    startDate: START,
    upfrontFee: FEE,
  });
  const schedule: ScheduleRow[] = computed.instalments.map((r) => ({ ...r, dueDate: r.dueDate! }));
  // Contracts state the 年化利率 to 0.01 percentage point (half up).
  const apr = new Decimal(computed.annualRate).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
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
