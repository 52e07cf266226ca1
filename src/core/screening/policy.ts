import type { ApplicationKind, RepaymentMethod } from '../application/application';

/**
 * First-screening policy as code (准入政策). A policy is versioned and immutable once published: a
 * change is a new version, and each screening stores the version it ran under.
 */
export interface ProductRule {
  code: string;
  kind: ApplicationKind;
  name: { 'zh-CN': string; en: string };
  /** Yuan, decimal strings. */
  minAmount: string;
  maxAmount: string;
  minTermMonths: number;
  maxTermMonths: number;
  repaymentMethods: RepaymentMethod[];
  requiredDocuments: string[];
  /** Annual rate used to estimate the new monthly payment in the debt-to-income rule. */
  referenceAnnualRate: string;
  /** Enterprises only: minimum years in operation. */
  minYearsInOperation?: number;
  /** Project financing: needs a project with own funds (资本金). */
  isProjectFinance?: boolean;
}

export interface ScreeningPolicy {
  version: string;
  products: ProductRule[];
  individual: {
    minAge: number;
    /** The borrower may be at most this old when the loan matures. */
    maxAgeAtMaturity: number;
    /** (existing monthly repayments + the new loan's estimated payment) / monthly income. */
    maxDebtToIncome: string;
    excludedEmploymentStatuses: string[];
  };
  enterprise: {
    /** total liabilities / total assets. */
    maxDebtToAsset: string;
    excludedIndustries: string[];
    /** Project financing: own funds / total investment (资本金比例). */
    minOwnFundsRatio: string;
  };
}

/** Policy 2026.1: the first published screening policy. */
export const policy2026v1: ScreeningPolicy = {
  version: '2026.1',
  products: [
    {
      code: 'personal-consumer',
      kind: 'individual',
      name: { 'zh-CN': '个人消费贷款', en: 'Personal consumer loan' },
      minAmount: '1000.00',
      maxAmount: '300000.00',
      minTermMonths: 3,
      maxTermMonths: 60,
      repaymentMethods: ['equal_installment', 'equal_principal'],
      requiredDocuments: ['id_card_copy', 'income_proof'],
      referenceAnnualRate: '0.0720',
    },
    {
      code: 'personal-business',
      kind: 'individual',
      name: { 'zh-CN': '个人经营贷款', en: 'Personal business loan' },
      minAmount: '10000.00',
      maxAmount: '3000000.00',
      minTermMonths: 6,
      maxTermMonths: 120,
      repaymentMethods: ['equal_installment', 'equal_principal', 'interest_only'],
      requiredDocuments: ['id_card_copy', 'income_proof', 'bank_statement'],
      referenceAnnualRate: '0.0550',
    },
    {
      code: 'enterprise-working-capital',
      kind: 'enterprise',
      name: { 'zh-CN': '企业流动资金贷款', en: 'Enterprise working-capital loan' },
      minAmount: '100000.00',
      maxAmount: '50000000.00',
      minTermMonths: 6,
      maxTermMonths: 36,
      repaymentMethods: ['equal_installment', 'equal_principal', 'interest_only', 'bullet'],
      requiredDocuments: ['business_licence', 'financial_statements', 'id_card_copy'],
      referenceAnnualRate: '0.0450',
      minYearsInOperation: 2,
    },
    {
      code: 'project-finance',
      kind: 'enterprise',
      name: { 'zh-CN': '项目融资贷款', en: 'Project financing' },
      minAmount: '5000000.00',
      maxAmount: '2000000000.00',
      minTermMonths: 12,
      maxTermMonths: 240,
      repaymentMethods: ['equal_installment', 'equal_principal', 'interest_only'],
      requiredDocuments: [
        'business_licence',
        'financial_statements',
        'id_card_copy',
        'project_feasibility_study',
        'board_resolution',
      ],
      referenceAnnualRate: '0.0420',
      minYearsInOperation: 3,
      isProjectFinance: true,
    },
  ],
  individual: {
    minAge: 18,
    maxAgeAtMaturity: 65,
    maxDebtToIncome: '0.55',
    excludedEmploymentStatuses: ['unemployed', 'student'],
  },
  enterprise: {
    maxDebtToAsset: '0.70',
    excludedIndustries: ['gambling', 'virtual_currency', 'firearms'],
    minOwnFundsRatio: '0.20',
  },
};

/** Every published policy, by version; the last is current. */
export const screeningPolicies: readonly ScreeningPolicy[] = [policy2026v1];

/** The policy in force for new screenings. */
export const currentScreeningPolicy: ScreeningPolicy = screeningPolicies[screeningPolicies.length - 1]!;

/** The product with `code` in `policy`, or undefined. */
export function findProduct({
  policy,
  code,
}: {
  policy: ScreeningPolicy;
  code: string;
}): ProductRule | undefined {
  return policy.products.find((p) => p.code === code);
}
