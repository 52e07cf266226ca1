import Type, { type Static } from 'typebox';
import { MobileNumber } from './accounts.schema';
import { IsoDateTime, Text, Uuid, YuanString } from './common.schema';

/** As core/guarantors/guarantor-status (the unit tests hold them equal). */
export const guarantorStatuses = [
  'invited',
  'accepted',
  'declined',
  'verification_failed',
  'withdrawn',
] as const;
export const guarantorRelationships = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'relative',
  'friend',
  'colleague',
  'business_partner',
  'other',
] as const;

export const GuarantorStatus = Type.Enum(guarantorStatuses);
export const GuarantorRelationship = Type.Enum(guarantorRelationships);
export const InviterSide = Type.Enum(['borrower', 'officer'] as const);

export const InviteGuarantorBody = Type.Object(
  {
    name: Text(50, { description: 'The guarantor’s full name' }),
    mobile: MobileNumber,
    relationship: GuarantorRelationship,
    guaranteedAmount: Type.Optional(YuanString),
  },
  { additionalProperties: false },
);
export type InviteGuarantorBody = Static<typeof InviteGuarantorBody>;

export const InvitationParams = Type.Object(
  { id: Uuid, invitationId: Uuid },
  { additionalProperties: false },
);
export const GuaranteeParams = Type.Object({ invitationId: Uuid }, { additionalProperties: false });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const GuarantorInvitationView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    name: Type.String(),
    mobileMasked: Type.String({ description: 'e.g. 138****8000' }),
    relationship: GuarantorRelationship,
    guaranteedAmount: YuanString,
    invitedBySide: InviterSide,
    status: GuarantorStatus,
    invitedAt: IsoDateTime,
    answeredAt: Nullable(IsoDateTime),
    withdrawnAt: Nullable(IsoDateTime),
    declineReason: Nullable(Type.String()),
    consentVersion: Nullable(Type.String()),
    consentSha256: Nullable(Type.String()),
    canWithdraw: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GuarantorInvitationView = Static<typeof GuarantorInvitationView>;

export const GuarantorListView = Type.Object(
  {
    applicationId: Uuid,
    canInvite: Type.Boolean(),
    invitations: Type.Array(GuarantorInvitationView),
  },
  { additionalProperties: false },
);
export type GuarantorListView = Static<typeof GuarantorListView>;

const ConsentTextView = Type.Object(
  { text: Type.String(), sha256: Type.String() },
  { additionalProperties: false },
);

export const GuaranteeView = Type.Object(
  {
    id: Uuid,
    applicationReference: Type.String(),
    productCode: Type.String(),
    borrowerName: Nullable(Type.String()),
    loanAmount: Nullable(YuanString),
    termMonths: Nullable(Type.Integer()),
    guaranteedAmount: YuanString,
    relationship: GuarantorRelationship,
    invitedBySide: InviterSide,
    status: GuarantorStatus,
    invitedAt: IsoDateTime,
    answeredAt: Nullable(IsoDateTime),
    declineReason: Nullable(Type.String()),
    consent: Type.Object(
      {
        version: Type.String(),
        texts: Type.Object(
          { 'zh-CN': ConsentTextView, en: ConsentTextView },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
    acceptedConsentSha256: Nullable(Type.String()),
    canAnswer: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type GuaranteeView = Static<typeof GuaranteeView>;

export const MyGuaranteesView = Type.Object(
  {
    identity: Type.Enum(['verified', 'failed', 'in_progress', 'none'] as const),
    verifyPath: Type.String(),
    guarantees: Type.Array(GuaranteeView),
  },
  { additionalProperties: false },
);
export type MyGuaranteesView = Static<typeof MyGuaranteesView>;

export const AcceptGuaranteeBody = Type.Object(
  {
    consentVersion: Text(40),
    consentSha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$' }),
  },
  { additionalProperties: false },
);
export type AcceptGuaranteeBody = Static<typeof AcceptGuaranteeBody>;

export const DeclineGuaranteeBody = Type.Object(
  { reason: Text(500, { description: 'Why the guarantee is declined' }) },
  { additionalProperties: false },
);
export type DeclineGuaranteeBody = Static<typeof DeclineGuaranteeBody>;

export const GuaranteeAnswerView = Type.Object(
  { id: Uuid, status: GuarantorStatus, answeredAt: Nullable(IsoDateTime) },
  { additionalProperties: false },
);
