import type { ApplicationKind } from '../application/application';
import type { Role } from '../accounts/roles';

/**
 * Conditions precedent to drawdown (放款前提条件) as code: a versioned checklist per product and
 * applicant kind. Each condition is met by staff ticking it with an evidence file, or waived by an
 * approver with a reason when the condition allows it. A checklist version is immutable once
 * published: a change is a new version, and each satisfaction records the version it was ticked under.
 */
export type ConditionCode =
  | 'repayment_debit_authorisation'
  | 'loan_purpose_undertaking'
  | 'board_resolution'
  | 'business_licence_verified'
  | 'mortgage_registration'
  | 'property_insurance'
  | 'own_funds_in_place';

export interface ConditionRule {
  code: ConditionCode;
  title: { 'zh-CN': string; en: string };
  /** What evidence ticks it. */
  evidence: { 'zh-CN': string; en: string };
  /** Who may tick it (upload the evidence) and revoke a tick. */
  tickRoles: readonly Role[];
  /** Whether an approver may waive it (with a reason, after a second factor). */
  isWaivable: boolean;
}

export interface ConditionsChecklist {
  version: string;
  /** Per product code; a product not listed falls back to its applicant kind's default. */
  byProduct: Readonly<Record<string, readonly ConditionCode[]>>;
  byKind: Readonly<Record<ApplicationKind, readonly ConditionCode[]>>;
  rules: Readonly<Record<ConditionCode, ConditionRule>>;
}

const officer: readonly Role[] = ['loan_officer'];
const officerOrRisk: readonly Role[] = ['loan_officer', 'risk_officer'];

const rules: Record<ConditionCode, ConditionRule> = {
  repayment_debit_authorisation: {
    code: 'repayment_debit_authorisation',
    title: { 'zh-CN': '还款账户代扣授权', en: 'Repayment account debit authorisation' },
    evidence: {
      'zh-CN': '借款人签署的还款账户代扣授权书（扫描件）',
      en: 'The debit authorisation for the repayment account, signed by the borrower (scan)',
    },
    tickRoles: officer,
    isWaivable: false,
  },
  loan_purpose_undertaking: {
    code: 'loan_purpose_undertaking',
    title: { 'zh-CN': '借款用途承诺书', en: 'Loan purpose undertaking' },
    evidence: {
      'zh-CN': '借款人签署的借款用途承诺书（扫描件）',
      en: 'The undertaking on the use of the loan, signed by the borrower (scan)',
    },
    tickRoles: officer,
    isWaivable: true,
  },
  board_resolution: {
    code: 'board_resolution',
    title: { 'zh-CN': '董事会/股东会决议', en: 'Board or shareholders’ resolution' },
    evidence: {
      'zh-CN': '同意本笔借款（及担保）的董事会或股东会决议，加盖公章',
      en: 'The board or shareholders’ resolution approving the borrowing (and security), company-sealed',
    },
    tickRoles: officer,
    isWaivable: false,
  },
  business_licence_verified: {
    code: 'business_licence_verified',
    title: { 'zh-CN': '营业执照复印件已核验', en: 'Business licence copy verified' },
    evidence: {
      'zh-CN': '与原件核对一致的营业执照复印件（加盖公章）',
      en: 'A copy of the business licence checked against the original (company-sealed)',
    },
    tickRoles: officer,
    isWaivable: true,
  },
  mortgage_registration: {
    code: 'mortgage_registration',
    title: { 'zh-CN': '抵押登记', en: 'Mortgage registration' },
    evidence: {
      'zh-CN': '不动产登记机构出具的抵押登记证明（他项权证）',
      en: 'The mortgage registration certificate issued by the real estate registry',
    },
    tickRoles: officerOrRisk,
    isWaivable: false,
  },
  property_insurance: {
    code: 'property_insurance',
    title: { 'zh-CN': '财产保险', en: 'Property insurance' },
    evidence: {
      'zh-CN': '以本行为第一受益人的财产保险保单',
      en: 'The property insurance policy naming the bank as first beneficiary',
    },
    tickRoles: officerOrRisk,
    isWaivable: true,
  },
  own_funds_in_place: {
    code: 'own_funds_in_place',
    title: { 'zh-CN': '项目资本金到位证明', en: 'Proof of own funds in place' },
    evidence: {
      'zh-CN': '项目资本金到位的验资报告或银行证明',
      en: 'A capital verification report or bank certificate that the project’s own funds are in place',
    },
    tickRoles: officerOrRisk,
    isWaivable: false,
  },
};

const individual: readonly ConditionCode[] = ['repayment_debit_authorisation', 'loan_purpose_undertaking'];
const enterprise: readonly ConditionCode[] = [
  'repayment_debit_authorisation',
  'board_resolution',
  'business_licence_verified',
];

/** Checklist 2026.1: the first published conditions precedent. */
export const conditions2026v1: ConditionsChecklist = {
  version: 'conditions-2026.1',
  byProduct: {
    'personal-consumer': individual,
    'personal-business': individual,
    'enterprise-working-capital': enterprise,
    'project-finance': [...enterprise, 'mortgage_registration', 'property_insurance', 'own_funds_in_place'],
  },
  byKind: { individual, enterprise },
  rules,
};

/** Every published checklist, by version; the last is current. */
export const conditionsChecklists: readonly ConditionsChecklist[] = [conditions2026v1];
export const currentConditionsChecklist: ConditionsChecklist =
  conditionsChecklists[conditionsChecklists.length - 1]!;

export const isConditionCode = (code: string): code is ConditionCode => Object.hasOwn(rules, code);

/** The conditions an application must meet before drawdown, in checklist order. */
export function checklistFor({
  checklist = currentConditionsChecklist,
  productCode,
  kind,
}: {
  checklist?: ConditionsChecklist;
  productCode: string;
  kind: ApplicationKind;
}): ConditionRule[] {
  const codes = checklist.byProduct[productCode] ?? checklist.byKind[kind];
  return codes.map((c) => checklist.rules[c]);
}

/** A tick or waiver in force (revoked ticks are not passed here). */
export interface ConditionResolution {
  code: string;
  kind: 'met' | 'waived';
}

export type ConditionStatus = 'outstanding' | 'met' | 'waived';

/** Each condition's status given the ticks and waivers in force. */
export function conditionStatuses(
  conditions: readonly ConditionRule[],
  resolutions: readonly ConditionResolution[],
): { rule: ConditionRule; status: ConditionStatus }[] {
  return conditions.map((rule) => {
    const found = resolutions.filter((r) => r.code === rule.code);
    const status: ConditionStatus = found.some((r) => r.kind === 'met')
      ? 'met'
      : found.some((r) => r.kind === 'waived')
        ? 'waived'
        : 'outstanding';
    return { rule, status };
  });
}

/** The conditions neither met nor waived (empty: nothing stands in the way of drawdown). */
export function outstandingConditions(
  conditions: readonly ConditionRule[],
  resolutions: readonly ConditionResolution[],
): ConditionRule[] {
  return conditionStatuses(conditions, resolutions)
    .filter((s) => s.status === 'outstanding')
    .map((s) => s.rule);
}

/** Application states in which conditions may be ticked, revoked or waived. */
export const openForConditions = ['risk_control', 'approved', 'contract_signed'] as const;

/** Whether `role` may tick `rule` (upload its evidence). */
export function mayTick(rule: ConditionRule, role: Role): boolean {
  return rule.tickRoles.includes(role);
}
