/**
 * Everything a loan contract shows, as plain data: the input of a versioned template
 * (`loan-contract-template.ts`). Amounts are yuan decimal strings ("100000.00"), rates are decimal
 * fractions ("0.0435" = 4.35 %), dates are ISO calendar dates ("2026-05-20"). Free text (purpose, names,
 * addresses, fee names) is already in the contract's language.
 *
 * Personal identifiers appear only MASKED. The contract PDF is handed to every party (the guarantor sees
 * the borrower's data), kept as evidence and shown in the signing room; the full ID number is bound to
 * the signer by identity verification and by the signing certificate, so printing it adds exposure and
 * no proof. The template refuses identifiers without a mask character.
 */
import type { RepaymentMethod } from '../application/application';

export type { RepaymentMethod };

/** Languages a contract template is written in. */
export type ContractLocale = 'zh-CN' | 'en';

/** A template and its version; the pair is printed on the contract and recorded with the signed PDF. */
export interface ContractTemplateRef {
  readonly id: string;
  readonly version: string;
}

/** 贷款人: the bank (or its branch) that lends. */
export interface Lender {
  /** Registered name, e.g. 某某银行股份有限公司北京分行. */
  readonly name: string;
  /** 住所: registered address; also decides the court (lender's domicile). */
  readonly address: string;
  /** 统一社会信用代码 (GB 32100). */
  readonly creditCode: string;
  /** 法定代表人 or 负责人 (a branch has a 负责人); optional. */
  readonly representative?: string;
}

/** 借款人, a natural person. */
export interface IndividualBorrower {
  readonly kind: 'individual';
  readonly name: string;
  /** 居民身份证号码, masked: first 6 and last 4 characters shown (see `maskIdNumber`). */
  readonly idNumberMasked: string;
  readonly address: string;
  /** Mobile number, masked (138****8000); the contact and electronic-service number. */
  readonly mobileMasked: string;
}

/** 借款人, a company. */
export interface EnterpriseBorrower {
  readonly kind: 'enterprise';
  readonly companyName: string;
  /** 统一社会信用代码; public register data, so shown in full. */
  readonly creditCode: string;
  /** 法定代表人. */
  readonly legalRepresentative: string;
  readonly address: string;
}

/** 借款人. */
export type Borrower = IndividualBorrower | EnterpriseBorrower;

/** 连带责任保证 (joint and several) or 一般保证 (general: the creditor must first pursue the borrower). */
export type GuaranteeLiability = 'joint_and_several' | 'general';

/** 保证人. */
export interface Guarantor {
  readonly kind: 'individual' | 'enterprise';
  readonly name: string;
  /** Masked ID number for a person; the unified social credit code for a company. */
  readonly identifier: string;
  /**
   * The Civil Code (Art. 686) presumes a general guarantee when the contract is silent, so the contract
   * always states which one it is.
   */
  readonly liability: GuaranteeLiability;
}

/** 抵押 (mortgage: the owner keeps the asset) or 质押 (pledge: the asset or right is handed over). */
export type CollateralType = 'mortgage' | 'pledge';

/** One item of collateral (抵押物 / 质押物). */
export interface CollateralItem {
  readonly type: CollateralType;
  /** What it is and where it is registered, e.g. "北京市朝阳区某路1号院2号楼301室，京(2021)朝阳区不动产权第0001234号". */
  readonly description: string;
  /** 评估价值 in yuan. */
  readonly appraisedValue: string;
  /** 抵押人 / 出质人: the owner who provides it (the borrower or a third party). */
  readonly owner: string;
}

/** Day-count convention of the interest. */
export type DayCount = '30/360' | 'ACT/360' | 'ACT/365';

/** 费用: a charge other than interest, included in the annualised rate. */
export interface LoanFee {
  /** e.g. 担保服务费 / Guarantee service fee. */
  readonly name: string;
  /** Amount in yuan, per period when `basis` is 'per_period'. */
  readonly amount: string;
  readonly basis: 'one_off' | 'per_period';
}

/** A bank account as printed on the contract. */
export interface ContractAccount {
  /** 开户行, e.g. 某某银行北京朝阳支行. */
  readonly bankName: string;
  /** 户名. */
  readonly accountName: string;
  /** Account number, masked: last 4 digits shown (see `maskAccountNumber`). */
  readonly accountNumberMasked: string;
}

/** The loan's commercial terms. */
export interface LoanTermsForContract {
  /** 借款金额, yuan. */
  readonly amount: string;
  readonly currency: 'CNY';
  /** 借款用途, e.g. 家庭装修. */
  readonly purpose: string;
  readonly termMonths: number;
  /** 借款期限起始日 (expected disbursement date) and 到期日. */
  readonly startDate: string;
  readonly endDate: string;
  readonly repaymentMethod: RepaymentMethod;
  /** Day of the month instalments fall due (1-28). */
  readonly repaymentDay: number;
  /**
   * How interest is counted (the names `core/loan` uses): 30/360 (monthly rate = annual / 12, daily =
   * annual / 360) or actual days over 360 or 365. The contract states it; the schedule follows it.
   */
  readonly dayCount: DayCount;
  /** 借款年利率: the nominal annual rate, fixed, as a decimal fraction ("0.0435"). */
  readonly nominalAnnualRate: string;
  /**
   * 年化利率: all borrowing costs (interest and fees) over the principal actually outstanding, as an
   * annual IRR (PBOC Announcement 〔2021〕 No. 3); a decimal fraction ("0.0523").
   */
  readonly annualisedRate: string;
  /** Fees other than interest; empty when there are none. */
  readonly fees: readonly LoanFee[];
  /** 放款账户. */
  readonly disbursementAccount: ContractAccount;
  /** 还款账户 (the lender debits it on each due date). */
  readonly repaymentAccount: ContractAccount;
}

/** One instalment of the repayment schedule; all amounts are yuan strings, payment = principal + interest. */
export interface ScheduleRow {
  readonly period: number;
  readonly dueDate: string;
  readonly payment: string;
  readonly principal: string;
  readonly interest: string;
  /** Principal outstanding after this instalment. */
  readonly balance: string;
}

/** Who signs. */
export type SignerRole = 'lender' | 'borrower' | 'guarantor';

/** One party who signs, and the named empty signature field prepared for them. */
export interface ContractSigner {
  readonly role: SignerRole;
  readonly displayName: string;
  /** AcroForm field name: `sig_lender`, `sig_borrower`, `sig_guarantor_1`, ... */
  readonly fieldName: string;
}

/** The input of a loan-contract template. */
export interface ContractData {
  readonly template: ContractTemplateRef;
  readonly locale: ContractLocale;
  /** 合同编号. */
  readonly contractNumber: string;
  /** 合同日期: the date the contract is issued for signing (ISO date). */
  readonly date: string;
  /**
   * The instant the document was produced (ISO 8601 with offset). The PDF's CreationDate comes from
   * here, never from the clock, so the same data gives the same bytes.
   */
  readonly issuedAt: string;
  readonly lender: Lender;
  readonly borrower: Borrower;
  readonly guarantors: readonly Guarantor[];
  readonly collateral: readonly CollateralItem[];
  readonly loan: LoanTermsForContract;
  readonly schedule: readonly ScheduleRow[];
  readonly signers: readonly ContractSigner[];
}

/** Masks a resident ID number for printing: 110101********1234 (birth date hidden). */
export function maskIdNumber(idNumber: string): string {
  const id = idNumber.trim();
  if (id.length < 11) return '*'.repeat(Math.max(id.length, 4));
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** Masks a bank account number for printing: only the last 4 digits remain (**** **** **** 1234). */
export function maskAccountNumber(accountNumber: string): string {
  const digits = accountNumber.replace(/\s/g, '');
  return `**** **** **** ${digits.slice(-4)}`;
}
