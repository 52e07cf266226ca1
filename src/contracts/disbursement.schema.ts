import Type, { type Static } from 'typebox';
import { IsoDateTime, SignedYuanString, Text, Uuid, YuanString } from './common.schema';

/** The body of a disbursement request: the approver confirms the amount the contract states. */
export const RequestDisbursementBody = Type.Object(
  {
    amount: YuanString,
    note: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type RequestDisbursementBody = Static<typeof RequestDisbursementBody>;

export const DisbursementStatus = Type.Enum(['requested', 'sent', 'settled', 'failed'] as const);

export const DisbursementView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    contractId: Uuid,
    amount: YuanString,
    currency: Type.Literal('CNY'),
    status: DisbursementStatus,
    endToEndId: Type.String(),
    requestedBy: Uuid,
    requestedAt: IsoDateTime,
    sentAt: Type.Union([IsoDateTime, Type.Null()]),
    settledAt: Type.Union([IsoDateTime, Type.Null()]),
    failedAt: Type.Union([IsoDateTime, Type.Null()]),
    failureReason: Type.Union([Type.String(), Type.Null()]),
    gatewayReference: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);
export type DisbursementView = Static<typeof DisbursementView>;

export const ScheduleInstalment = Type.Object(
  {
    period: Type.Integer(),
    dueDate: Type.String({ format: 'date' }),
    payment: YuanString,
    principal: YuanString,
    interest: YuanString,
    balance: YuanString,
  },
  { additionalProperties: false },
);

/** The borrower's active repayment schedule (还款计划), from the signed contract. */
export const RepaymentScheduleView = Type.Object(
  {
    applicationId: Uuid,
    contractId: Uuid,
    contractNumber: Type.String(),
    status: Type.Literal('active'),
    amount: YuanString,
    termMonths: Type.Integer(),
    repaymentMethod: Type.String(),
    nominalAnnualRate: Type.String(),
    annualisedRate: Type.String(),
    disbursedAt: IsoDateTime,
    totalPayment: YuanString,
    totalInterest: YuanString,
    instalments: Type.Array(ScheduleInstalment),
  },
  { additionalProperties: false },
);
export type RepaymentScheduleView = Static<typeof RepaymentScheduleView>;

export const ReconciliationQuery = Type.Object(
  { date: Type.Optional(Type.String({ format: 'date', description: 'China calendar day, YYYY-MM-DD' })) },
  { additionalProperties: false },
);

const ReconciliationSide = Type.Object(
  { count: Type.Integer(), total: YuanString },
  { additionalProperties: false },
);

export const ReconciliationMismatch = Type.Object(
  {
    endToEndId: Type.String(),
    problem: Type.Enum([
      'payment_without_disbursement',
      'disbursement_without_payment',
      'amount_differs',
      'status_differs',
    ] as const),
    disbursementId: Type.Union([Uuid, Type.Null()]),
    disbursementStatus: Type.Union([DisbursementStatus, Type.Null()]),
    disbursementAmount: Type.Union([YuanString, Type.Null()]),
    paymentStatus: Type.Union([Type.String(), Type.Null()]),
    paymentAmount: Type.Union([YuanString, Type.Null()]),
  },
  { additionalProperties: false },
);

/** The daily reconciliation (日终对账): payments booked vs disbursements recorded, and the ledger's balance. */
export const ReconciliationReport = Type.Object(
  {
    date: Type.String({ format: 'date' }),
    gateway: Type.String(),
    generatedAt: IsoDateTime,
    disbursements: ReconciliationSide,
    payments: ReconciliationSide,
    matched: Type.Integer(),
    mismatches: Type.Array(ReconciliationMismatch),
    ledger: Type.Object(
      {
        isBalanced: Type.Boolean(),
        sumOfBalances: SignedYuanString,
        unbalancedEntries: Type.Array(Type.String()),
        balancesByKind: Type.Record(Type.String(), SignedYuanString),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ReconciliationReport = Static<typeof ReconciliationReport>;

export const ReconciliationReportsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 366, default: 30 })) },
  { additionalProperties: false },
);
export type ReconciliationReportsQuery = Static<typeof ReconciliationReportsQuery>;

/** A day's reconciliation as the daily job stored it (or an operator's re-run replaced it). */
export const StoredReconciliationReportView = Type.Object(
  {
    day: Type.String({ format: 'date', description: 'China calendar day reconciled' }),
    ranAt: IsoDateTime,
    matched: Type.Integer(),
    mismatches: Type.Integer(),
    isBalanced: Type.Boolean(),
    report: ReconciliationReport,
  },
  { additionalProperties: false },
);
export type StoredReconciliationReportView = Static<typeof StoredReconciliationReportView>;

/** The stored daily reports, newest day first. */
export const ReconciliationReportList = Type.Object(
  { items: Type.Array(StoredReconciliationReportView) },
  { additionalProperties: false },
);
export type ReconciliationReportList = Static<typeof ReconciliationReportList>;
