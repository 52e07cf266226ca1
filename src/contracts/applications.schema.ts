import Type, { type Static } from 'typebox';
import { IsoDateTime, LocalisedText, SignedYuanString, Text, Uuid, YuanString } from './common.schema';
import { ActingAs, Role } from './accounts.schema';

export const applicationKinds = ['individual', 'enterprise'] as const;
export const ApplicationKind = Type.Enum(applicationKinds);

export const applicationStatuses = [
  'draft',
  'submitted',
  'screening',
  'rejected',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
  'contract_signed',
  'disbursed',
  'withdrawn',
  'expired',
] as const;
export const ApplicationStatus = Type.Enum(applicationStatuses);
export type ApplicationStatus = Static<typeof ApplicationStatus>;

/** 等额本息, 等额本金, 先息后本, 到期一次还本付息 */
export const repaymentMethods = ['equal_installment', 'equal_principal', 'interest_only', 'bullet'] as const;
export const RepaymentMethod = Type.Enum(repaymentMethods);

export const loanPurposes = [
  'consumption',
  'education',
  'home_renovation',
  'vehicle',
  'medical',
  'business_operation',
  'working_capital',
  'equipment',
  'project_construction',
  'other',
] as const;
export const LoanPurpose = Type.Enum(loanPurposes);

export const employmentStatuses = ['employed', 'self_employed', 'retired', 'student', 'unemployed'] as const;
export const EmploymentStatus = Type.Enum(employmentStatuses);

export const industries = [
  'agriculture',
  'mining',
  'manufacturing',
  'utilities',
  'construction',
  'wholesale_retail',
  'transport_logistics',
  'hospitality',
  'information_technology',
  'finance',
  'real_estate',
  'business_services',
  'research',
  'environment',
  'education',
  'healthcare',
  'culture_entertainment',
  'gambling',
  'virtual_currency',
  'firearms',
] as const;
export const Industry = Type.Enum(industries);

export const stakeholderRoles = [
  'legal_representative',
  'authorised_agent',
  'guarantor',
  'co_borrower',
  'shareholder',
] as const;
export const StakeholderRole = Type.Enum(stakeholderRoles);

export const documentKinds = [
  'id_card_copy',
  'income_proof',
  'bank_statement',
  'business_licence',
  'financial_statements',
  'project_feasibility_study',
  'board_resolution',
  'other',
] as const;
export const DocumentKind = Type.Enum(documentKinds);

export const IdNumberString = Type.String({
  pattern: '^[0-9]{17}[0-9Xx]$',
  description: '18-character resident identity number',
});
export const CreditCodeString = Type.String({
  pattern: '^[0-9A-Za-z]{18}$',
  description: 'Unified social credit code',
});
export const Mobile = Type.String({ pattern: '^(\\+?86)?1[3-9][0-9]{9}$' });

const strict = { additionalProperties: false } as const;

export const LoanTerms = Type.Object(
  {
    productCode: Text(64),
    amount: Type.Optional(YuanString),
    termMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 360 })),
    repaymentMethod: Type.Optional(RepaymentMethod),
    purpose: Type.Optional(LoanPurpose),
    purposeDetail: Type.Optional(Text(500, { minLength: 0 })),
    /** Declared value of the collateral offered (risk assessment: collateral coverage). */
    declaredCollateralValue: Type.Optional(YuanString),
  },
  strict,
);

export const Applicant = Type.Object(
  {
    fullName: Type.Optional(Text(64)),
    idNumber: Type.Optional(IdNumberString),
    mobile: Type.Optional(Mobile),
    address: Type.Optional(Text(200, { minLength: 0 })),
    employmentStatus: Type.Optional(EmploymentStatus),
    employer: Type.Optional(Text(128, { minLength: 0 })),
    monthlyIncome: Type.Optional(YuanString),
    yearsEmployed: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
    existingMonthlyRepayment: Type.Optional(YuanString),
    existingDebtTotal: Type.Optional(YuanString),
  },
  strict,
);

export const Company = Type.Object(
  {
    name: Type.Optional(Text(128)),
    creditCode: Type.Optional(CreditCodeString),
    industry: Type.Optional(Industry),
    yearsInOperation: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
    registeredAddress: Type.Optional(Text(200, { minLength: 0 })),
    actingAs: Type.Optional(ActingAs),
  },
  strict,
);

export const Project = Type.Object(
  {
    name: Type.Optional(Text(128)),
    totalInvestment: Type.Optional(YuanString),
    ownFunds: Type.Optional(YuanString),
    description: Type.Optional(Text(2000, { minLength: 0 })),
    /** Projected annual cash flow available for debt service (risk assessment: DSCR). */
    projectedAnnualCashFlow: Type.Optional(SignedYuanString),
  },
  strict,
);

export const Financials = Type.Object(
  {
    revenue: Type.Optional(YuanString),
    netProfit: Type.Optional(SignedYuanString),
    totalAssets: Type.Optional(YuanString),
    totalLiabilities: Type.Optional(YuanString),
    operatingCashFlow: Type.Optional(SignedYuanString),
    /** Optional figures for the enterprise risk scorecard. */
    currentAssets: Type.Optional(YuanString),
    currentLiabilities: Type.Optional(YuanString),
    /** Earnings before interest and taxes. */
    ebit: Type.Optional(SignedYuanString),
    interestExpense: Type.Optional(YuanString),
  },
  strict,
);

export const Stakeholder = Type.Object(
  {
    role: StakeholderRole,
    name: Text(64),
    idNumber: Type.Optional(IdNumberString),
    creditCode: Type.Optional(CreditCodeString),
    mobile: Type.Optional(Mobile),
    relationship: Type.Optional(Text(64, { minLength: 0 })),
  },
  strict,
);

/** Everything a borrower fills in. In a draft any part may be missing; submission checks completeness. */
export const ApplicationDetails = Type.Object(
  {
    loan: LoanTerms,
    applicant: Type.Optional(Applicant),
    company: Type.Optional(Company),
    project: Type.Optional(Project),
    financials: Type.Optional(Financials),
    stakeholders: Type.Optional(Type.Array(Stakeholder, { maxItems: 20 })),
  },
  strict,
);
export type ApplicationDetails = Static<typeof ApplicationDetails>;

export const CreateApplicationBody = Type.Object(
  {
    kind: ApplicationKind,
    details: ApplicationDetails,
    submit: Type.Optional(Type.Boolean({ description: 'Submit at once instead of saving a draft' })),
  },
  strict,
);
export type CreateApplicationBody = Static<typeof CreateApplicationBody>;

export const UpdateApplicationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version read; a stale version answers 409' }),
    details: ApplicationDetails,
  },
  strict,
);
export type UpdateApplicationBody = Static<typeof UpdateApplicationBody>;

export const VersionBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, strict);
export const WithdrawBody = Type.Object({ reason: Type.Optional(Text(500, { minLength: 0 })) }, strict);

export const RuleResult = Type.Object(
  {
    ruleId: Type.String(),
    outcome: Type.Enum(['pass', 'fail', 'not_applicable'] as const),
    reason: LocalisedText,
  },
  strict,
);

export const ScreeningView = Type.Object(
  {
    decision: Type.Enum(['pass', 'reject'] as const),
    policyVersion: Type.String(),
    results: Type.Array(RuleResult),
    screenedAt: IsoDateTime,
  },
  strict,
);
export type ScreeningView = Static<typeof ScreeningView>;

export const EventView = Type.Object(
  {
    seq: Type.Integer(),
    fromStatus: Type.Union([ApplicationStatus, Type.Null()]),
    toStatus: ApplicationStatus,
    actorRole: Type.Union([Role, Type.Literal('system')]),
    actorName: Type.Union([Type.String(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
    at: IsoDateTime,
  },
  strict,
);

export const DocumentView = Type.Object(
  {
    id: Uuid,
    kind: DocumentKind,
    filename: Type.String(),
    contentType: Type.String(),
    sizeBytes: Type.Integer(),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    uploadedAt: IsoDateTime,
  },
  strict,
);
export type DocumentView = Static<typeof DocumentView>;

export const ApplicationView = Type.Object(
  {
    id: Uuid,
    reference: Type.String({ description: 'Human reference, e.g. MQ-2026-000042' }),
    kind: ApplicationKind,
    status: ApplicationStatus,
    version: Type.Integer(),
    productCode: Type.String(),
    amount: Type.Union([YuanString, Type.Null()]),
    termMonths: Type.Union([Type.Integer(), Type.Null()]),
    details: ApplicationDetails,
    applicantName: Type.Union([Type.String(), Type.Null()]),
    borrowerAccountId: Uuid,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    submittedAt: Type.Union([IsoDateTime, Type.Null()]),
    screening: Type.Union([ScreeningView, Type.Null()]),
    documents: Type.Array(DocumentView),
    events: Type.Array(EventView),
    missingFields: Type.Array(Type.String(), {
      description: 'Fields still needed before submission (drafts)',
    }),
    borrowerNextStatuses: Type.Array(ApplicationStatus, {
      description:
        'The states the borrower may move the application to now (e.g. withdrawn), from the lifecycle',
    }),
  },
  strict,
);
export type ApplicationView = Static<typeof ApplicationView>;

export const ApplicationSummary = Type.Object(
  {
    id: Uuid,
    reference: Type.String(),
    kind: ApplicationKind,
    status: ApplicationStatus,
    productCode: Type.String(),
    amount: Type.Union([YuanString, Type.Null()]),
    termMonths: Type.Union([Type.Integer(), Type.Null()]),
    applicantName: Type.Union([Type.String(), Type.Null()]),
    screeningDecision: Type.Union([Type.Enum(['pass', 'reject'] as const), Type.Null()]),
    submittedAt: Type.Union([IsoDateTime, Type.Null()]),
    updatedAt: IsoDateTime,
  },
  strict,
);
export type ApplicationSummary = Static<typeof ApplicationSummary>;

export const ApplicationPage = Type.Object(
  {
    items: Type.Array(ApplicationSummary),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  strict,
);
export type ApplicationPage = Static<typeof ApplicationPage>;

export const QueueQuery = Type.Object(
  {
    status: Type.Optional(ApplicationStatus),
    kind: Type.Optional(ApplicationKind),
    productCode: Type.Optional(Text(64)),
    q: Type.Optional(
      Text(128, {
        description: 'Reference, company name, or exact applicant name / ID number / credit code',
      }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  strict,
);
export type QueueQuery = Static<typeof QueueQuery>;

export const UploadQuery = Type.Object({ kind: DocumentKind, filename: Text(200) }, strict);
export type UploadQuery = Static<typeof UploadQuery>;

export const DocumentParams = Type.Object({ id: Uuid, documentId: Uuid }, strict);

export const ProductView = Type.Object(
  {
    code: Type.String(),
    kind: ApplicationKind,
    name: LocalisedText,
    minAmount: YuanString,
    maxAmount: YuanString,
    minTermMonths: Type.Integer(),
    maxTermMonths: Type.Integer(),
    repaymentMethods: Type.Array(RepaymentMethod),
    requiredDocuments: Type.Array(DocumentKind),
  },
  strict,
);
export const ProductList = Type.Object(
  { policyVersion: Type.String(), items: Type.Array(ProductView) },
  strict,
);
export type ProductList = Static<typeof ProductList>;
