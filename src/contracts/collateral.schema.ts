import Type, { type Static } from 'typebox';
import { RepaymentMethod } from './applications.schema';
import { IsoDateTime, SignedYuanString, Text, Uuid, YuanString } from './common.schema';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const collateralTypeIds = ['real_estate', 'equipment', 'receivables', 'deposit', 'equity'] as const;
export const valuationMethodIds = ['market', 'income', 'cost', 'book_value', 'face_value'] as const;
export const collateralBlockerCodeIds = [
  'COLLATERAL_REQUIRED',
  'COLLATERAL_NOT_VALUED',
  'COLLATERAL_LTV_EXCEEDED',
  'COLLATERAL_VALUATION_STALE',
  'COLLATERAL_PROJECTION_MISSING',
  'COLLATERAL_DSCR_BELOW_MINIMUM',
] as const;

export const CollateralType = Type.Enum(collateralTypeIds);
export const ValuationMethod = Type.Enum(valuationMethodIds);
/** A ratio as a decimal string, 4 places, rounded half up: "0.7143". */
export const RatioString = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{4}$', examples: ['0.7143'] });
/** A calendar date YYYY-MM-DD. */
export const CalendarDate = Type.String({
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
  examples: ['2026-11-01'],
});
/** A positive yuan amount (an appraised value). */
const PositiveYuan = Type.String({
  pattern: '^(0\\.(0[1-9]|[1-9][0-9]?)|[1-9][0-9]{0,12}(\\.[0-9]{1,2})?)$',
  description: 'Positive amount in yuan, at most 2 places',
  examples: ['3500000.00'],
});

export const CollateralItemParams = Type.Object({ id: Uuid, collateralId: Uuid }, strict);
export type CollateralItemParams = Static<typeof CollateralItemParams>;

export const RegisterCollateralBody = Type.Object(
  {
    type: CollateralType,
    description: Text(500, { description: 'What it is: 办公楼第3层, 数控机床 2 台 …' }),
    location: Type.Optional(Text(500, { description: 'Address, registration or certificate number' })),
    ownerName: Text(200, { description: 'The owner (出质人/抵押人)' }),
  },
  strict,
);
export type RegisterCollateralBody = Static<typeof RegisterCollateralBody>;

export const RecordValuationBody = Type.Object(
  {
    appraisedValue: PositiveYuan,
    valuationDate: CalendarDate,
    appraiser: Text(200, { description: 'Appraiser and/or firm (评估机构/评估师)' }),
    method: ValuationMethod,
    documentIds: Type.Array(Uuid, { minItems: 1, maxItems: 10, uniqueItems: true }),
  },
  strict,
);
export type RecordValuationBody = Static<typeof RecordValuationBody>;

export const CashFlowProjectionBody = Type.Object(
  {
    /** Year 1 first; one per loan year (ceil(term / 12)). */
    annualCashFlows: Type.Array(SignedYuanString, { minItems: 1, maxItems: 50 }),
  },
  strict,
);
export type CashFlowProjectionBody = Static<typeof CashFlowProjectionBody>;

export const ValuationView = Type.Object(
  {
    id: Uuid,
    seq: Type.Integer(),
    appraisedValue: YuanString,
    valuationDate: CalendarDate,
    method: ValuationMethod,
    appraiser: Type.String(),
    documentIds: Type.Array(Uuid),
    recordedBy: Uuid,
    recordedByRole: Type.String(),
    recordedAt: IsoDateTime,
    isCurrent: Type.Boolean(),
  },
  strict,
);

export const CollateralItemView = Type.Object(
  {
    id: Uuid,
    type: CollateralType,
    description: Type.String(),
    location: Nullable(Type.String()),
    ownerName: Type.String(),
    registeredAt: IsoDateTime,
    haircut: Type.String(),
    currentValue: Nullable(YuanString),
    lendableValue: Nullable(YuanString),
    valuationDate: Nullable(CalendarDate),
    isStale: Type.Boolean(),
    /** Newest first. */
    valuations: Type.Array(ValuationView),
  },
  strict,
);

export const CollateralBlockerView = Type.Object(
  {
    code: Type.Enum(collateralBlockerCodeIds),
    message: Type.String(),
    details: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
    ),
  },
  strict,
);

export const DscrYearView = Type.Object(
  { year: Type.Integer(), cashFlow: SignedYuanString, debtService: YuanString, dscr: Nullable(RatioString) },
  strict,
);

export const CollateralView = Type.Object(
  {
    applicationId: Uuid,
    productCode: Type.String(),
    policyVersion: Type.String(),
    requirement: Type.Union([Type.Literal('required'), Type.Literal('optional')]),
    isProjectFinance: Type.Boolean(),
    /** Items and projections may change now (under review … approved). */
    editable: Type.Boolean(),
    limits: Type.Object(
      {
        maxLtv: Type.String(),
        minDscr: Nullable(Type.String()),
        maxValuationAgeMonths: Type.Integer(),
        haircuts: Type.Record(Type.String(), Type.String()),
      },
      strict,
    ),
    /** The loan the ratios are computed for (the approval case's current terms, else the application's). */
    loan: Nullable(
      Type.Object(
        {
          amount: YuanString,
          annualRate: Type.String(),
          termMonths: Type.Integer(),
          repaymentMethod: RepaymentMethod,
        },
        strict,
      ),
    ),
    items: Type.Array(CollateralItemView),
    summary: Type.Object(
      {
        totalAppraised: YuanString,
        totalLendable: YuanString,
        ltv: Nullable(RatioString),
        coverage: Nullable(RatioString),
      },
      strict,
    ),
    /** Project financing: the projection (year 1 first) and the DSCR per year; null otherwise. */
    projection: Nullable(Type.Array(SignedYuanString)),
    dscr: Nullable(Type.Object({ years: Type.Array(DscrYearView), minimum: Nullable(RatioString) }, strict)),
    /** Loan years a projection must cover (project financing with terms). */
    projectionYears: Nullable(Type.Integer()),
    blockers: Type.Array(CollateralBlockerView),
  },
  strict,
);
export type CollateralView = Static<typeof CollateralView>;
