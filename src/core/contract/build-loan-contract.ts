/**
 * The contract data of an approved application: the parties as verified, the approved terms, the
 * schedule and the 年化利率 computed by core/loan. Pure: the caller passes the contract number, the
 * dates and the instant of issue, so the same inputs always give the same contract (and the same PDF).
 */
import Decimal from 'decimal.js';
import type { ApplicationDetails, ApplicationKind } from '../application/application';
import { AppError } from '../errors';
import { addMonths } from '../identity/id-number';
import { buildSchedule } from '../loan/build-schedule';
import type { ContractData, ContractLocale, ContractSigner, Guarantor, Lender } from './contract-data';
import { maskAccountNumber, maskIdNumber } from './contract-data';
import { LOAN_CONTRACT_TEMPLATE } from './loan-contract-template';

/** A person who signs, as the identity authority confirmed them (the full ID number never reaches the PDF). */
export interface VerifiedPerson {
  readonly name: string;
  readonly idNumber: string;
}

/** The terms the bank approved (today: the application's request priced by the risk decision). */
export interface ApprovedTerms {
  readonly amount: string;
  readonly termMonths: number;
  readonly repaymentMethod: 'equal_installment' | 'equal_principal' | 'interest_only' | 'bullet';
  /** Nominal annual rate, decimal fraction. */
  readonly nominalAnnualRate: string;
}

const purposeLabels: Record<string, { 'zh-CN': string; en: string }> = {
  consumption: { 'zh-CN': '个人消费', en: 'consumption' },
  education: { 'zh-CN': '教育', en: 'education' },
  home_renovation: { 'zh-CN': '家居装修', en: 'home renovation' },
  vehicle: { 'zh-CN': '购车', en: 'vehicle purchase' },
  medical: { 'zh-CN': '医疗', en: 'medical expenses' },
  business_operation: { 'zh-CN': '经营周转', en: 'business operation' },
  working_capital: { 'zh-CN': '流动资金', en: 'working capital' },
  equipment: { 'zh-CN': '设备购置', en: 'equipment purchase' },
  project_construction: { 'zh-CN': '项目建设', en: 'project construction' },
  other: { 'zh-CN': '其他', en: 'other' },
};

function maskMobile(mobile: string | undefined): string {
  const m = (mobile ?? '').replace(/\D/g, '');
  return m.length === 11 ? `${m.slice(0, 3)}****${m.slice(7)}` : '***********';
}

/** Field names of the signature fields, one per party: the bank, the borrower, each guarantor. */
export function signerFieldName(role: 'lender' | 'borrower' | 'guarantor', guarantorIndex = 0): string {
  return role === 'guarantor' ? `sig_guarantor_${guarantorIndex + 1}` : `sig_${role}`;
}

export function buildLoanContract({
  locale,
  contractNumber,
  issuedAt,
  startDate,
  lender,
  application,
  borrowerPerson,
  guarantors,
  terms,
  account,
}: {
  locale: ContractLocale;
  contractNumber: string;
  /** ISO 8601 instant with offset. */
  issuedAt: string;
  /** Drawdown date (ISO date); instalments fall due on the same day of the month (max 28). */
  startDate: string;
  lender: Lender;
  application: { kind: ApplicationKind; details: ApplicationDetails };
  /** The individual borrower, or the enterprise's signing representative, as verified. */
  borrowerPerson: VerifiedPerson;
  guarantors: readonly VerifiedPerson[];
  terms: ApprovedTerms;
  account: { bankName: string; accountNumber: string };
}): ContractData {
  const day = Number(startDate.slice(8, 10));
  if (!(day >= 1 && day <= 28))
    throw new AppError('VALIDATION_FAILED', 'The drawdown date must fall on day 1–28 of a month', {
      startDate,
    });
  const d = application.details;
  const computed = buildSchedule({
    amount: terms.amount,
    annualRate: terms.nominalAnnualRate,
    termMonths: terms.termMonths,
    method: terms.repaymentMethod,
    startDate,
  });
  const annualisedRate = new Decimal(computed.annualRate)
    .toDecimalPlaces(4, Decimal.ROUND_HALF_UP)
    .toFixed(4);
  const borrower: ContractData['borrower'] =
    application.kind === 'enterprise'
      ? {
          kind: 'enterprise',
          companyName: d.company?.name ?? '',
          creditCode: d.company?.creditCode ?? '',
          legalRepresentative: borrowerPerson.name,
          address: d.company?.registeredAddress ?? '',
        }
      : {
          kind: 'individual',
          name: borrowerPerson.name,
          idNumberMasked: maskIdNumber(borrowerPerson.idNumber),
          address: d.applicant?.address ?? '',
          mobileMasked: maskMobile(d.applicant?.mobile),
        };
  const borrowerName = borrower.kind === 'enterprise' ? borrower.companyName : borrower.name;
  const contractAccount = {
    bankName: account.bankName,
    accountName: borrowerName,
    accountNumberMasked: maskAccountNumber(account.accountNumber),
  };
  const purposeCode = d.loan.purpose ?? 'other';
  const purpose =
    d.loan.purposeDetail && locale === 'zh-CN'
      ? d.loan.purposeDetail
      : (purposeLabels[purposeCode]?.[locale] ?? purposeCode);
  const guarantorParties: Guarantor[] = guarantors.map((g) => ({
    kind: 'individual',
    name: g.name,
    identifier: maskIdNumber(g.idNumber),
    liability: 'joint_and_several',
  }));
  const signers: ContractSigner[] = [
    { role: 'lender', displayName: lender.name, fieldName: signerFieldName('lender') },
    { role: 'borrower', displayName: borrowerName, fieldName: signerFieldName('borrower') },
    ...guarantors.map((g, i): ContractSigner => ({
      role: 'guarantor',
      displayName: g.name,
      fieldName: signerFieldName('guarantor', i),
    })),
  ];
  return {
    template: LOAN_CONTRACT_TEMPLATE,
    locale,
    contractNumber,
    date: issuedAt.slice(0, 10),
    issuedAt,
    lender,
    borrower,
    guarantors: guarantorParties,
    collateral: [],
    loan: {
      amount: terms.amount,
      currency: 'CNY',
      purpose,
      termMonths: terms.termMonths,
      startDate,
      endDate: addMonths({ date: startDate, months: terms.termMonths }),
      repaymentMethod: terms.repaymentMethod,
      repaymentDay: day,
      dayCount: '30/360',
      nominalAnnualRate: terms.nominalAnnualRate,
      annualisedRate,
      fees: [],
      disbursementAccount: contractAccount,
      repaymentAccount: contractAccount,
    },
    schedule: computed.instalments.map((r) => ({ ...r, dueDate: r.dueDate! })),
    signers,
  };
}
