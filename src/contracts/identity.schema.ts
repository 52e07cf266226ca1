import Type, { type Static } from 'typebox';
import { IsoDateTime, LocalisedText, Text, Uuid } from './common.schema';

/** Kept equal to core/identity/consent-texts.ts (contracts import only the schema library). */
export const consentKinds = [
  'personal_information',
  'face_data',
  'face_image_retention',
  'credit_inquiry',
  'recording',
] as const;
export const ConsentKind = Type.Enum(consentKinds);
export type ConsentKind = Static<typeof ConsentKind>;

/** Kept equal to core/identity/liveness-challenge.ts. */
export const LivenessChallenge = Type.Enum(['turn_left', 'turn_right']);
export type LivenessChallenge = Static<typeof LivenessChallenge>;

export const VerificationStatus = Type.Enum([
  'authority_failed',
  'authority_passed',
  'phone_verified',
  'verified',
  'officer_video_pending',
]);
export type VerificationStatus = Static<typeof VerificationStatus>;

/** What the borrower does next: ID details, phone code, consents, the selfie, or nothing. */
export const VerificationStep = Type.Enum([
  'id_details',
  'phone',
  'consents',
  'face',
  'done',
  'officer_video',
]);
export type VerificationStep = Static<typeof VerificationStep>;

export const Locale = Type.Enum(['zh-CN', 'en']);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const StartVerificationBody = Type.Object(
  {
    name: Text(40),
    idNumber: Text(32, { description: '18-character resident identity number' }),
    birthDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    sex: Type.Optional(Type.Enum(['male', 'female'])),
  },
  { additionalProperties: false },
);
export type StartVerificationBody = Static<typeof StartVerificationBody>;

export const PhoneCodeBody = Type.Object({ mobile: Text(20) }, { additionalProperties: false });
export type PhoneCodeBody = Static<typeof PhoneCodeBody>;

export const PhoneCodeSent = Type.Object(
  { mobileMasked: Type.String(), expiresAt: IsoDateTime, resendAfter: IsoDateTime },
  { additionalProperties: false },
);
export type PhoneCodeSent = Static<typeof PhoneCodeSent>;

export const VerifyPhoneCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$' }) },
  { additionalProperties: false },
);
export type VerifyPhoneCodeBody = Static<typeof VerifyPhoneCodeBody>;

export const GiveConsentBody = Type.Object(
  {
    kind: ConsentKind,
    textVersion: Text(32),
    locale: Locale,
    method: Type.Enum(['click']),
  },
  { additionalProperties: false },
);
export type GiveConsentBody = Static<typeof GiveConsentBody>;

export const ConsentView = Type.Object(
  {
    id: Uuid,
    kind: ConsentKind,
    textVersion: Type.String(),
    textSha256: Type.String(),
    locale: Locale,
    method: Type.String(),
    givenAt: IsoDateTime,
    withdrawnAt: Nullable(IsoDateTime),
    leafHash: Type.String({ description: 'The ledger leaf hash (hex) anchoring the consent' }),
  },
  { additionalProperties: false },
);
export type ConsentView = Static<typeof ConsentView>;

export const ConsentList = Type.Object({ items: Type.Array(ConsentView) }, { additionalProperties: false });
export type ConsentList = Static<typeof ConsentList>;

export const ConsentTextList = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          kind: ConsentKind,
          version: Type.String(),
          title: LocalisedText,
          body: LocalisedText,
          isRequired: Type.Boolean({ description: 'Needed for every verification' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type ConsentTextList = Static<typeof ConsentTextList>;

export const VerificationView = Type.Object(
  {
    verification: Nullable(
      Type.Object(
        {
          id: Uuid,
          status: VerificationStatus,
          name: Type.String({ description: 'As the borrower stated it (their own data)' }),
          idNumberMasked: Type.String(),
          birthDate: Type.String(),
          sex: Type.Enum(['male', 'female']),
          mobileMasked: Nullable(Type.String()),
          phoneVerifiedAt: Nullable(IsoDateTime),
          method: Nullable(Type.Enum(['face', 'officer_video'])),
          createdAt: IsoDateTime,
          verifiedAt: Nullable(IsoDateTime),
        },
        { additionalProperties: false },
      ),
    ),
    consents: Type.Array(ConsentView),
    missingConsents: Type.Array(ConsentKind),
    nextStep: VerificationStep,
    /** Development mode only: testers may add themselves to the local identity registry. */
    devRegistryAvailable: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type VerificationView = Static<typeof VerificationView>;

export const FaceCheckStarted = Type.Object(
  {
    id: Uuid,
    challenge: LivenessChallenge,
    expiresAt: IsoDateTime,
    minFrames: Type.Integer(),
    maxFrames: Type.Integer(),
  },
  { additionalProperties: false },
);
export type FaceCheckStarted = Static<typeof FaceCheckStarted>;

/** Up to 16 JPEG frames, base64 (≈ 512 KiB each at most). */
export const FaceFramesBody = Type.Object(
  {
    frames: Type.Array(Type.String({ maxLength: 700_000, pattern: '^[A-Za-z0-9+/=]*$' }), { maxItems: 32 }),
  },
  { additionalProperties: false },
);
export type FaceFramesBody = Static<typeof FaceFramesBody>;

export const FaceCheckView = Type.Object(
  {
    id: Uuid,
    challenge: LivenessChallenge,
    status: Type.Enum(['issued', 'processing', 'completed']),
    passed: Nullable(Type.Boolean()),
    failures: Nullable(Type.Array(Type.String())),
    similarity: Nullable(Type.Number()),
    threshold: Nullable(Type.Number()),
    modelVersion: Nullable(Type.String()),
    frameCount: Nullable(Type.Integer()),
    imagesRetained: Type.Boolean(),
    issuedAt: IsoDateTime,
    completedAt: Nullable(IsoDateTime),
  },
  { additionalProperties: false },
);
export type FaceCheckView = Static<typeof FaceCheckView>;

export const FaceCheckResult = Type.Object(
  {
    check: FaceCheckView,
    verificationStatus: VerificationStatus,
    promotedApplicationIds: Type.Array(Uuid),
  },
  { additionalProperties: false },
);
export type FaceCheckResult = Static<typeof FaceCheckResult>;

export const AuthorityCheckView = Type.Object(
  {
    provider: Type.String(),
    requestKind: Type.Enum(['identity', 'photo']),
    verdict: Type.Enum(['consistent', 'inconsistent', 'no_record']),
    similarity: Nullable(Type.Number()),
    hasPhoto: Type.Boolean(),
    responseSha256: Type.String(),
    providerReference: Nullable(Type.String()),
    answeredAt: IsoDateTime,
  },
  { additionalProperties: false },
);
export type AuthorityCheckView = Static<typeof AuthorityCheckView>;

/** Staff's view of a borrower's identity checks: masked identifiers only. */
export const StaffIdentityChecks = Type.Object(
  {
    applicationId: Uuid,
    verifications: Type.Array(
      Type.Object(
        {
          id: Uuid,
          status: VerificationStatus,
          method: Nullable(Type.Enum(['face', 'officer_video'])),
          nameMasked: Type.String(),
          idNumberMasked: Type.String(),
          mobileMasked: Nullable(Type.String()),
          phoneVerifiedAt: Nullable(IsoDateTime),
          createdAt: IsoDateTime,
          verifiedAt: Nullable(IsoDateTime),
          authorityChecks: Type.Array(AuthorityCheckView),
          faceChecks: Type.Array(
            Type.Object(
              { ...FaceCheckView.properties, scores: Type.Unknown() },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    consents: Type.Array(ConsentView),
  },
  { additionalProperties: false },
);
export type StaffIdentityChecks = Static<typeof StaffIdentityChecks>;

export const DevRegistryBody = Type.Object(
  {
    name: Text(40),
    idNumber: Text(32),
    /** A JPEG taken with the webcam, base64. */
    photo: Type.Optional(Type.String({ maxLength: 2_000_000, pattern: '^[A-Za-z0-9+/=]*$' })),
  },
  { additionalProperties: false },
);
export type DevRegistryBody = Static<typeof DevRegistryBody>;

export const SmsOutboxView = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          mobileMasked: Type.String(),
          text: Type.String(),
          purpose: Type.String(),
          sentAt: IsoDateTime,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SmsOutboxView = Static<typeof SmsOutboxView>;
