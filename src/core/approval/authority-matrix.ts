import type { ApplicationKind } from '../application/application';
import type { Role } from '../accounts/roles';
import { parseYuan } from '../money/money';
import type { RiskGrade } from '../risk/decision-policy';

/** What the matrix distinguishes: individuals, enterprises, and project finance (项目融资). */
export type ApprovalKind = 'individual' | 'enterprise' | 'project_finance';
export const approvalKinds: readonly ApprovalKind[] = ['individual', 'enterprise', 'project_finance'];

/**
 * A step of an approval: the risk officer's review (风险审查), one approver's decision (审批), or a
 * committee (贷审会) of `seats` distinct approvers who must all approve the same terms.
 */
export type ApprovalStepKind = 'risk_review' | 'approval' | 'committee';

export interface ApprovalStep {
  readonly kind: ApprovalStepKind;
  /** The roles that may decide this step. */
  readonly roles: readonly Role[];
  /** How many distinct people must approve (1 but for a committee). */
  readonly seats: number;
}

/** A band of the authority matrix (授权矩阵): which steps a case of this kind, size and grade needs. */
export interface AuthorityBand {
  readonly id: string;
  readonly kind: ApprovalKind;
  /** Largest amount (yuan, inclusive) of the band; null for no upper limit. */
  readonly maxAmount: string | null;
  /** The risk grades the band takes. */
  readonly grades: readonly RiskGrade[];
  readonly steps: readonly ApprovalStep[];
  readonly label: { readonly 'zh-CN': string; readonly en: string };
}

/** The authority matrix as code: versioned and immutable once published; every case stores its version. */
export interface AuthorityMatrix {
  readonly version: string;
  /** Bands in order of increasing authority; the first that matches a case is its band. */
  readonly bands: readonly AuthorityBand[];
  /** Who may prepare a case and submit it for approval. */
  readonly preparerRoles: readonly Role[];
}

const allGrades: readonly RiskGrade[] = ['A', 'B', 'C', 'D', 'E'];
const riskReview: ApprovalStep = { kind: 'risk_review', roles: ['risk_officer'], seats: 1 };
const oneApprover: ApprovalStep = { kind: 'approval', roles: ['approver'], seats: 1 };
const committee = (seats: number): ApprovalStep => ({ kind: 'committee', roles: ['approver'], seats });

/**
 * Matrix approval-2026.1 (docs/approvals.md gives the reasoning): small loans to good grades need one
 * approver; middle ones a risk officer's review and an approver; large ones, grades D and E, and every
 * project finance a risk review and a committee of two approvers (three for project finance above
 * 500 million yuan).
 */
export const approvalMatrix2026v1: AuthorityMatrix = {
  version: 'approval-2026.1',
  preparerRoles: ['loan_officer'],
  bands: [
    {
      id: 'individual-small',
      kind: 'individual',
      maxAmount: '200000.00',
      grades: ['A', 'B'],
      steps: [oneApprover],
      label: { 'zh-CN': '个人小额：单人审批', en: 'Individual, small: one approver' },
    },
    {
      id: 'individual-middle',
      kind: 'individual',
      maxAmount: '1000000.00',
      grades: ['A', 'B', 'C'],
      steps: [riskReview, oneApprover],
      label: {
        'zh-CN': '个人中额：风险审查后审批',
        en: 'Individual, middle: risk review, then one approver',
      },
    },
    {
      id: 'individual-large',
      kind: 'individual',
      maxAmount: null,
      grades: allGrades,
      steps: [riskReview, committee(2)],
      label: { 'zh-CN': '个人大额或低评级：贷审会', en: 'Individual, large or low grade: committee of two' },
    },
    {
      id: 'enterprise-small',
      kind: 'enterprise',
      maxAmount: '1000000.00',
      grades: ['A', 'B'],
      steps: [oneApprover],
      label: { 'zh-CN': '企业小额：单人审批', en: 'Enterprise, small: one approver' },
    },
    {
      id: 'enterprise-middle',
      kind: 'enterprise',
      maxAmount: '10000000.00',
      grades: ['A', 'B', 'C'],
      steps: [riskReview, oneApprover],
      label: {
        'zh-CN': '企业中额：风险审查后审批',
        en: 'Enterprise, middle: risk review, then one approver',
      },
    },
    {
      id: 'enterprise-large',
      kind: 'enterprise',
      maxAmount: null,
      grades: allGrades,
      steps: [riskReview, committee(2)],
      label: { 'zh-CN': '企业大额或低评级：贷审会', en: 'Enterprise, large or low grade: committee of two' },
    },
    {
      id: 'project-finance',
      kind: 'project_finance',
      maxAmount: '500000000.00',
      grades: allGrades,
      steps: [riskReview, committee(2)],
      label: { 'zh-CN': '项目融资：贷审会', en: 'Project finance: committee of two' },
    },
    {
      id: 'project-finance-major',
      kind: 'project_finance',
      maxAmount: null,
      grades: allGrades,
      steps: [riskReview, committee(3)],
      label: { 'zh-CN': '重大项目融资：三人贷审会', en: 'Project finance, major: committee of three' },
    },
  ],
};

/** Every published matrix; the last is current. */
export const approvalMatrices: readonly AuthorityMatrix[] = [approvalMatrix2026v1];
export const currentApprovalMatrix: AuthorityMatrix = approvalMatrices[approvalMatrices.length - 1]!;

/** The matrix kind of an application: project finance is its own kind whatever the applicant. */
export function approvalKindOf({
  applicationKind,
  isProjectFinance,
}: {
  applicationKind: ApplicationKind;
  isProjectFinance: boolean;
}): ApprovalKind {
  if (isProjectFinance) return 'project_finance';
  return applicationKind;
}

/**
 * The band of a case: the first of the matrix's bands of its kind whose amount limit holds the amount
 * (exact decimals) and whose grades include the grade. Every published matrix ends each kind with a
 * band without limits, so there always is one; a matrix without throws (a programming error).
 */
export function bandFor({
  matrix,
  kind,
  amount,
  grade,
}: {
  matrix: AuthorityMatrix;
  kind: ApprovalKind;
  /** Yuan, decimal string. */
  amount: string;
  grade: RiskGrade;
}): AuthorityBand {
  const value = parseYuan(amount);
  const band = matrix.bands.find(
    (b) =>
      b.kind === kind &&
      b.grades.includes(grade) &&
      (b.maxAmount === null || value.lessThanOrEqualTo(parseYuan(b.maxAmount))),
  );
  if (!band) throw new RangeError(`matrix ${matrix.version} has no band for ${kind} ${amount} ${grade}`);
  return band;
}
