import {
  employmentStatuses,
  industries,
  loanPurposes,
  repaymentMethods,
  stakeholderRoles,
} from '../../../../src/contracts/applications.schema';
import { actingAsValues } from '../../shared/acting-as';

/** Translation groups of enum values (keys of the i18n catalogue). */
export type EnumGroup =
  'repaymentMethods' | 'loanPurposes' | 'employmentStatuses' | 'industries' | 'stakeholderRoles' | 'actingAs';

/**
 * One field of `ApplicationDetails`: how to edit it (rules mirror the contracts) and how to show it.
 * The form, the read-only sections and the labels of missing fields all read these lists.
 */
export type FieldDef = {
  name: string;
  testId: string;
  /** Never required to submit; asked for because the risk assessment uses it (the form says so). */
  isForRisk?: boolean;
} & (
  | { type: 'text'; max: number; format?: 'idNumber' | 'mobile' | 'creditCode' }
  | { type: 'longText'; max: number }
  | { type: 'yuan'; signed?: boolean }
  | { type: 'integer'; min: number; max: number }
  | { type: 'enum'; group: EnumGroup; values: readonly string[] }
);

export type SectionKey = 'loan' | 'applicant' | 'company' | 'project' | 'financials' | 'stakeholders';

/** Loan terms; the wizard's loan step adds the product's limits to these. */
export const loanFields: FieldDef[] = [
  { name: 'amount', testId: 'app-amount', type: 'yuan' },
  { name: 'termMonths', testId: 'app-term-months', type: 'integer', min: 1, max: 360 },
  {
    name: 'repaymentMethod',
    testId: 'app-repayment-method',
    type: 'enum',
    group: 'repaymentMethods',
    values: repaymentMethods,
  },
  { name: 'purpose', testId: 'app-purpose', type: 'enum', group: 'loanPurposes', values: loanPurposes },
  { name: 'purposeDetail', testId: 'app-purpose-detail', type: 'longText', max: 500 },
];

/** Loan terms only enterprises are asked for (the enterprise scorecard's collateral coverage). */
export const enterpriseLoanFields: FieldDef[] = [
  {
    name: 'declaredCollateralValue',
    testId: 'app-declared-collateral-value',
    type: 'yuan',
    isForRisk: true,
  },
];

export const applicantIdentityFields: FieldDef[] = [
  { name: 'fullName', testId: 'app-full-name', type: 'text', max: 64 },
  { name: 'idNumber', testId: 'app-id-number', type: 'text', max: 18, format: 'idNumber' },
  { name: 'mobile', testId: 'app-mobile', type: 'text', max: 14, format: 'mobile' },
  { name: 'address', testId: 'app-address', type: 'text', max: 200 },
];

export const applicantIncomeFields: FieldDef[] = [
  {
    name: 'employmentStatus',
    testId: 'app-employment-status',
    type: 'enum',
    group: 'employmentStatuses',
    values: employmentStatuses,
  },
  { name: 'employer', testId: 'app-employer', type: 'text', max: 128 },
  { name: 'monthlyIncome', testId: 'app-monthly-income', type: 'yuan' },
  { name: 'yearsEmployed', testId: 'app-years-employed', type: 'integer', min: 0, max: 60 },
  { name: 'existingMonthlyRepayment', testId: 'app-existing-monthly-repayment', type: 'yuan' },
  { name: 'existingDebtTotal', testId: 'app-existing-debt-total', type: 'yuan' },
];

export const companyFields: FieldDef[] = [
  { name: 'name', testId: 'app-company-name', type: 'text', max: 128 },
  { name: 'creditCode', testId: 'app-credit-code', type: 'text', max: 18, format: 'creditCode' },
  { name: 'industry', testId: 'app-industry', type: 'enum', group: 'industries', values: industries },
  { name: 'yearsInOperation', testId: 'app-years-in-operation', type: 'integer', min: 0, max: 200 },
  { name: 'registeredAddress', testId: 'app-registered-address', type: 'text', max: 200 },
  { name: 'actingAs', testId: 'app-acting-as', type: 'enum', group: 'actingAs', values: actingAsValues },
];

export const projectFields: FieldDef[] = [
  { name: 'name', testId: 'app-project-name', type: 'text', max: 128 },
  { name: 'totalInvestment', testId: 'app-total-investment', type: 'yuan' },
  { name: 'ownFunds', testId: 'app-own-funds', type: 'yuan' },
  { name: 'description', testId: 'app-project-description', type: 'longText', max: 2000 },
  {
    name: 'projectedAnnualCashFlow',
    testId: 'app-projected-annual-cash-flow',
    type: 'yuan',
    signed: true,
    isForRisk: true,
  },
];

export const financialsFields: FieldDef[] = [
  { name: 'revenue', testId: 'app-revenue', type: 'yuan' },
  { name: 'netProfit', testId: 'app-net-profit', type: 'yuan', signed: true },
  { name: 'totalAssets', testId: 'app-total-assets', type: 'yuan' },
  { name: 'totalLiabilities', testId: 'app-total-liabilities', type: 'yuan' },
  { name: 'operatingCashFlow', testId: 'app-operating-cash-flow', type: 'yuan', signed: true },
  { name: 'currentAssets', testId: 'app-current-assets', type: 'yuan', isForRisk: true },
  { name: 'currentLiabilities', testId: 'app-current-liabilities', type: 'yuan', isForRisk: true },
  { name: 'ebit', testId: 'app-ebit', type: 'yuan', signed: true, isForRisk: true },
  { name: 'interestExpense', testId: 'app-interest-expense', type: 'yuan', isForRisk: true },
];

/** Fields of one stakeholder; in the form their test ids get the row index appended. */
export const stakeholderFields: FieldDef[] = [
  {
    name: 'role',
    testId: 'app-stakeholder-role',
    type: 'enum',
    group: 'stakeholderRoles',
    values: stakeholderRoles,
  },
  { name: 'name', testId: 'app-stakeholder-name', type: 'text', max: 64 },
  { name: 'idNumber', testId: 'app-stakeholder-id-number', type: 'text', max: 18, format: 'idNumber' },
  { name: 'creditCode', testId: 'app-stakeholder-credit-code', type: 'text', max: 18, format: 'creditCode' },
  { name: 'mobile', testId: 'app-stakeholder-mobile', type: 'text', max: 14, format: 'mobile' },
  { name: 'relationship', testId: 'app-stakeholder-relationship', type: 'text', max: 64 },
];

export const sectionFields: Record<SectionKey, FieldDef[]> = {
  loan: [...loanFields, ...enterpriseLoanFields],
  applicant: [...applicantIdentityFields, ...applicantIncomeFields],
  company: companyFields,
  project: projectFields,
  financials: financialsFields,
  stakeholders: stakeholderFields,
};
