import Type, { type Static } from 'typebox';
import { ApplicationStatus } from './applications.schema';
import { IsoDateTime, LocalisedText, Text, Uuid } from './common.schema';

const strict = { additionalProperties: false } as const;

export const ConditionStatus = Type.Enum(['outstanding', 'met', 'waived'] as const);
export type ConditionStatus = Static<typeof ConditionStatus>;

export const ConditionParams = Type.Object(
  { id: Uuid, code: Type.String({ pattern: '^[a-z][a-z_]{1,63}$' }) },
  strict,
);
export type ConditionParams = Static<typeof ConditionParams>;

/** The evidence upload: the raw file as the body, its name and the officer's note in the query. */
export const ConditionEvidenceQuery = Type.Object(
  {
    filename: Text(200),
    note: Type.Optional(Text(500, { minLength: 0 })),
  },
  strict,
);
export type ConditionEvidenceQuery = Static<typeof ConditionEvidenceQuery>;

export const ConditionReasonBody = Type.Object({ reason: Text(500, { minLength: 2 }) }, strict);
export type ConditionReasonBody = Static<typeof ConditionReasonBody>;

export const ConditionEvidenceView = Type.Object(
  {
    filename: Type.String(),
    contentType: Type.String(),
    sizeBytes: Type.Integer(),
    sha256: Type.String(),
  },
  strict,
);

export const ConditionResolutionView = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(['met', 'waived'] as const),
    /** The officer's note (a tick) or the approver's reason (a waiver). */
    note: Type.String(),
    checklistVersion: Type.String(),
    by: Type.Object({ accountId: Uuid, role: Type.String() }, strict),
    at: IsoDateTime,
    evidence: Type.Union([ConditionEvidenceView, Type.Null()]),
    revoked: Type.Union([
      Type.Object(
        {
          by: Type.Object({ accountId: Uuid, role: Type.String() }, strict),
          at: IsoDateTime,
          reason: Type.String(),
        },
        strict,
      ),
      Type.Null(),
    ]),
  },
  strict,
);
export type ConditionResolutionView = Static<typeof ConditionResolutionView>;

export const ConditionItemView = Type.Object(
  {
    code: Type.String(),
    title: LocalisedText,
    /** What evidence ticks it. */
    evidenceRequired: LocalisedText,
    tickRoles: Type.Array(Type.String()),
    isWaivable: Type.Boolean(),
    status: ConditionStatus,
    /** The tick or waiver in force. */
    resolution: Type.Union([ConditionResolutionView, Type.Null()]),
    /** Earlier ticks and waivers, revoked, oldest first. */
    history: Type.Array(ConditionResolutionView),
    /** What the caller may do now. */
    mayTick: Type.Boolean(),
    mayRevoke: Type.Boolean(),
    mayWaive: Type.Boolean(),
  },
  strict,
);
export type ConditionItemView = Static<typeof ConditionItemView>;

export const ConditionsView = Type.Object(
  {
    applicationId: Uuid,
    applicationStatus: ApplicationStatus,
    checklistVersion: Type.String(),
    /** Whether conditions may be changed now (risk_control, approved, contract_signed, before disbursement). */
    isOpen: Type.Boolean(),
    /** Codes neither met nor waived (disbursement is refused while any is). */
    outstanding: Type.Array(Type.String()),
    items: Type.Array(ConditionItemView),
  },
  strict,
);
export type ConditionsView = Static<typeof ConditionsView>;

/** What the borrower sees: titles and status, no files, notes or staff. */
export const BorrowerConditionsView = Type.Object(
  {
    applicationId: Uuid,
    checklistVersion: Type.String(),
    items: Type.Array(
      Type.Object({ code: Type.String(), title: LocalisedText, status: ConditionStatus }, strict),
    ),
  },
  strict,
);
export type BorrowerConditionsView = Static<typeof BorrowerConditionsView>;
