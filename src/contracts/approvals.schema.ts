import Type, { type Static } from 'typebox';
import { RepaymentMethod } from './applications.schema';
import { IsoDateTime, LocalisedText, Text, Uuid, YuanString } from './common.schema';
import { RiskGrade } from './risk.schema';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A nominal annual rate as a decimal fraction with at most four places, e.g. "0.0850". */
export const RateString = Type.String({ pattern: '^0\\.[0-9]{1,4}$', examples: ['0.0850'] });

export const approvalOutcomes = ['approve', 'reject', 'return'] as const;
export const approvalReasonCodes = [
  'within_policy', // 符合授信政策
  'adequate_repayment_capacity', // 还款能力充足
  'collateral_sufficient', // 担保充足
  'terms_adjusted', // 调整授信要素后同意
  'insufficient_repayment_capacity', // 还款能力不足
  'adverse_credit_history', // 不良信用记录
  'policy_exception', // 政策例外
  'documents_incomplete', // 材料不全（退回补充）
  'other',
] as const;
export const approvalCaseStatuses = [
  'pending',
  'awaiting_borrower',
  'approved',
  'rejected',
  'returned',
  'declined_by_borrower',
] as const;
export const approvalStepKinds = ['risk_review', 'approval', 'committee'] as const;
/** Why the caller may not decide the case now (null when they may). */
export const deciderRefusals = [
  'CASE_CLOSED',
  'ROLE_NOT_ALLOWED',
  'FOUR_EYES_PREPARER',
  'FOUR_EYES_INTERVIEWER',
  'FOUR_EYES_ALREADY_DECIDED',
] as const;

export const LoanOfferView = Type.Object(
  {
    amount: YuanString,
    nominalAnnualRate: Type.String(),
    termMonths: Type.Integer(),
    repaymentMethod: RepaymentMethod,
  },
  strict,
);

/** Revised terms as the borrower sees them before accepting: payments and the 年化利率. */
export const OfferDisclosureView = Type.Object(
  {
    amount: YuanString,
    nominalAnnualRate: Type.String(),
    termMonths: Type.Integer(),
    repaymentMethod: RepaymentMethod,
    firstPayment: YuanString,
    lastPayment: YuanString,
    totalInterest: YuanString,
    totalPayment: YuanString,
    annualRate: Type.String({ description: '年化利率, decimal fraction, six places' }),
    sha256: Type.String({ description: 'What the borrower names when answering' }),
  },
  strict,
);

export const ApprovalStepView = Type.Object(
  {
    index: Type.Integer(),
    kind: Type.Enum(approvalStepKinds),
    roles: Type.Array(Type.String()),
    seats: Type.Integer(),
    state: Type.Enum(['done', 'current', 'waiting', 'stopped'] as const),
    /** Who approved it (on the current terms, for the approver's or committee's step). */
    approvedBy: Type.Array(Uuid),
  },
  strict,
);

export const ApprovalDecisionView = Type.Object(
  {
    seq: Type.Integer(),
    stepIndex: Type.Integer(),
    stepKind: Type.Enum(approvalStepKinds),
    outcome: Type.Enum(approvalOutcomes),
    reasonCode: Type.Enum(approvalReasonCodes),
    text: Type.String(),
    byAccountId: Uuid,
    byRole: Type.String(),
    termsVersion: Type.Integer(),
    revisedTerms: Nullable(LoanOfferView),
    at: IsoDateTime,
  },
  strict,
);

export const ApprovalCaseView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    status: Type.Enum(approvalCaseStatuses),
    matrixVersion: Type.String(),
    band: Type.Object({ id: Type.String(), label: LocalisedText }, strict),
    kind: Type.Enum(['individual', 'enterprise', 'project_finance'] as const),
    grade: RiskGrade,
    recommendedAnnualRate: Type.String(),
    recommendedLimit: YuanString,
    requestedTerms: LoanOfferView,
    currentTerms: LoanOfferView,
    termsVersion: Type.Integer(),
    steps: Type.Array(ApprovalStepView),
    decisions: Type.Array(ApprovalDecisionView),
    next: Nullable(
      Type.Object(
        {
          stepIndex: Type.Integer(),
          kind: Type.Enum(approvalStepKinds),
          roles: Type.Array(Type.String()),
          seatsLeft: Type.Integer(),
        },
        strict,
      ),
    ),
    canDecide: Type.Boolean(),
    cannotDecideBecause: Nullable(Type.Enum(deciderRefusals)),
    pendingDisclosure: Nullable(OfferDisclosureView),
    borrowerResponse: Nullable(
      Type.Object({ decision: Type.Enum(['accept', 'decline'] as const), at: IsoDateTime }, strict),
    ),
    submittedBy: Uuid,
    submittedAt: IsoDateTime,
    interviewerId: Nullable(Uuid),
    completedAt: Nullable(IsoDateTime),
  },
  strict,
);
export type ApprovalCaseView = Static<typeof ApprovalCaseView>;

/** Submitting for approval takes nothing but the application: the case snapshots what it needs. */
export const SubmitForApprovalBody = Type.Object({}, strict);

export const DecideApprovalBody = Type.Object(
  {
    outcome: Type.Enum(approvalOutcomes),
    reasonCode: Type.Enum(approvalReasonCodes),
    text: Text(2000, { description: 'The written reason (审批意见)' }),
    /** The step the decider saw as current (refused if the case moved on). */
    expectedStepIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    /** An approver approving may change the amount, rate or term. */
    revisedTerms: Type.Optional(
      Type.Object(
        {
          amount: Type.Optional(YuanString),
          nominalAnnualRate: Type.Optional(RateString),
          termMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
        },
        { ...strict, minProperties: 1 },
      ),
    ),
  },
  strict,
);
export type DecideApprovalBody = Static<typeof DecideApprovalBody>;

/** The pending revised terms as the borrower sees them. */
export const RevisedTermsView = Type.Object(
  {
    applicationId: Uuid,
    caseId: Uuid,
    requestedTerms: LoanOfferView,
    disclosure: OfferDisclosureView,
  },
  strict,
);
export type RevisedTermsView = Static<typeof RevisedTermsView>;

export const AnswerRevisedTermsBody = Type.Object(
  {
    decision: Type.Enum(['accept', 'decline'] as const),
    disclosureSha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  strict,
);
export type AnswerRevisedTermsBody = Static<typeof AnswerRevisedTermsBody>;

export const ApprovalAnswerView = Type.Object(
  { applicationId: Uuid, caseStatus: Type.Enum(approvalCaseStatuses) },
  strict,
);
