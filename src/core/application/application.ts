/**
 * The loan application as the domain sees it. The shapes mirror `contracts/applications.schema.ts`
 * (a compile-time check in `features/applications` keeps the two equal); core keeps its own copy so
 * that it depends on nothing outside `core`.
 */
import type { ApplicationStatus } from './lifecycle';

export type ApplicationKind = 'individual' | 'enterprise';
/** 等额本息, 等额本金, 先息后本, 到期一次还本付息 */
export type RepaymentMethod = 'equal_installment' | 'equal_principal' | 'interest_only' | 'bullet';

export interface LoanTerms {
  productCode: string;
  amount?: string;
  termMonths?: number;
  repaymentMethod?: RepaymentMethod;
  purpose?: string;
  purposeDetail?: string;
  /** Declared value of the collateral offered, yuan (risk assessment: collateral coverage). */
  declaredCollateralValue?: string;
}

export interface Applicant {
  fullName?: string;
  idNumber?: string;
  mobile?: string;
  address?: string;
  employmentStatus?: 'employed' | 'self_employed' | 'retired' | 'student' | 'unemployed';
  employer?: string;
  monthlyIncome?: string;
  yearsEmployed?: number;
  existingMonthlyRepayment?: string;
  existingDebtTotal?: string;
}

export interface Company {
  name?: string;
  creditCode?: string;
  industry?: string;
  yearsInOperation?: number;
  registeredAddress?: string;
  actingAs?: 'legal_representative' | 'authorised_agent';
}

export interface Project {
  name?: string;
  totalInvestment?: string;
  ownFunds?: string;
  description?: string;
  /** Projected annual cash flow available for debt service, yuan, may be negative (risk: DSCR). */
  projectedAnnualCashFlow?: string;
}

export interface Financials {
  revenue?: string;
  netProfit?: string;
  totalAssets?: string;
  totalLiabilities?: string;
  operatingCashFlow?: string;
  /** The optional figures below feed the enterprise risk scorecard. */
  currentAssets?: string;
  currentLiabilities?: string;
  /** Earnings before interest and taxes, may be negative. */
  ebit?: string;
  interestExpense?: string;
}

export interface Stakeholder {
  role: 'legal_representative' | 'authorised_agent' | 'guarantor' | 'co_borrower' | 'shareholder';
  name: string;
  idNumber?: string;
  creditCode?: string;
  mobile?: string;
  relationship?: string;
}

export interface ApplicationDetails {
  loan: LoanTerms;
  applicant?: Applicant;
  company?: Company;
  project?: Project;
  financials?: Financials;
  stakeholders?: Stakeholder[];
}

export interface Application {
  id: string;
  reference: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  version: number;
  borrowerAccountId: string;
  details: ApplicationDetails;
}

const individualRequired = [
  'loan.amount',
  'loan.termMonths',
  'loan.repaymentMethod',
  'loan.purpose',
  'applicant.fullName',
  'applicant.idNumber',
  'applicant.mobile',
  'applicant.employmentStatus',
  'applicant.monthlyIncome',
  'applicant.existingMonthlyRepayment',
  'applicant.existingDebtTotal',
] as const;

const enterpriseRequired = [
  'loan.amount',
  'loan.termMonths',
  'loan.repaymentMethod',
  'loan.purpose',
  'company.name',
  'company.creditCode',
  'company.industry',
  'company.yearsInOperation',
  'company.actingAs',
  'financials.revenue',
  'financials.netProfit',
  'financials.totalAssets',
  'financials.totalLiabilities',
  'financials.operatingCashFlow',
] as const;

const projectRequired = ['project.name', 'project.totalInvestment', 'project.ownFunds'] as const;

function valueAt(details: ApplicationDetails, path: string): unknown {
  const [section, field] = path.split('.') as [keyof ApplicationDetails, string];
  const part = details[section] as Record<string, unknown> | undefined;
  return part?.[field];
}

/**
 * The fields a draft still lacks before it can be submitted, as dotted paths ("applicant.idNumber").
 * Project financing (a product flagged `isProjectFinance`) also needs the project and a legal
 * representative among the stakeholders.
 */
export function findMissingFields({
  kind,
  details,
  isProjectFinance,
}: {
  kind: ApplicationKind;
  details: ApplicationDetails;
  isProjectFinance: boolean;
}): string[] {
  const required: readonly string[] =
    kind === 'individual'
      ? individualRequired
      : [...enterpriseRequired, ...(isProjectFinance ? projectRequired : [])];
  const missing = required.filter((path) => {
    const v = valueAt(details, path);
    return v === undefined || v === null || v === '';
  });
  if (kind === 'enterprise' && !details.stakeholders?.some((s) => s.role === 'legal_representative')) {
    missing.push('stakeholders.legal_representative');
  }
  return missing;
}

/** The name shown for an application: the applicant's or the company's. */
export function applicantNameOf({
  kind,
  details,
}: {
  kind: ApplicationKind;
  details: ApplicationDetails;
}): string | null {
  return (kind === 'individual' ? details.applicant?.fullName : details.company?.name) ?? null;
}
