import Type, { type Static } from 'typebox';
import { IsoDateTime, Text, Uuid } from './common.schema';

/** The second factors an account can prove: an authenticator app, a recovery code, a passkey. */
export const SecondFactorMethod = Type.Enum(['totp', 'recovery_code', 'passkey']);
export type SecondFactorMethod = Static<typeof SecondFactorMethod>;

/** A 6-digit code from the authenticator app. */
export const TotpCodeBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code the app shows now' }) },
  { additionalProperties: false },
);
export type TotpCodeBody = Static<typeof TotpCodeBody>;

/** A recovery code as shown at enrolment (groups of letters and digits; case, spaces and hyphens ignored). */
export const RecoveryCodeBody = Type.Object(
  { code: Type.String({ minLength: 8, maxLength: 40, pattern: '^[0-9A-Za-z -]+$' }) },
  { additionalProperties: false },
);
export type RecoveryCodeBody = Static<typeof RecoveryCodeBody>;

export const RecoveryCodesView = Type.Object(
  {
    recoveryCodes: Type.Array(Type.String(), {
      description: 'Shown once: each works once when the authenticator app or passkey is not at hand',
    }),
  },
  { additionalProperties: false },
);
export type RecoveryCodesView = Static<typeof RecoveryCodesView>;

export const TotpEnrolmentView = Type.Object(
  {
    secret: Type.String({ description: 'Base32 key for manual entry in the authenticator app' }),
    otpauthUri: Type.String(),
    qrCodeDataUrl: Type.String({ description: 'The otpauth URI as an SVG QR code (data: URL)' }),
  },
  { additionalProperties: false },
);
export type TotpEnrolmentView = Static<typeof TotpEnrolmentView>;

export const PasskeyView = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    createdAt: IsoDateTime,
    lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
    isBackedUp: Type.Boolean({ description: 'Synced passkey (e.g. in a phone’s keychain)' }),
  },
  { additionalProperties: false },
);
export type PasskeyView = Static<typeof PasskeyView>;

export const PasskeyList = Type.Object({ items: Type.Array(PasskeyView) }, { additionalProperties: false });
export type PasskeyList = Static<typeof PasskeyList>;

export const SecurityOverview = Type.Object(
  {
    isTotpEnabled: Type.Boolean(),
    recoveryCodesLeft: Type.Integer({ minimum: 0 }),
    passkeys: Type.Array(PasskeyView),
    methods: Type.Array(SecondFactorMethod),
    stepUpUntil: Type.Union([IsoDateTime, Type.Null()], {
      description: 'Until when sensitive actions need no new proof of the second factor',
    }),
  },
  { additionalProperties: false },
);
export type SecurityOverview = Static<typeof SecurityOverview>;

/** WebAuthn options and responses are the W3C JSON forms; @simplewebauthn checks them in depth. */
export const WebAuthnOptions = Type.Object({}, { additionalProperties: true });
export const WebAuthnCredentialJson = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1024 }),
    rawId: Type.String({ minLength: 1, maxLength: 1024 }),
    type: Type.Literal('public-key'),
    response: Type.Object({}, { additionalProperties: true }),
    clientExtensionResults: Type.Object({}, { additionalProperties: true }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

export const PasskeyRegistrationBody = Type.Object(
  { name: Type.Optional(Text(64)), credential: WebAuthnCredentialJson },
  { additionalProperties: false },
);
export type PasskeyRegistrationBody = Static<typeof PasskeyRegistrationBody>;

export const PasskeyRegistrationView = Type.Object(
  {
    passkey: PasskeyView,
    recoveryCodes: Type.Optional(
      Type.Array(Type.String(), { description: 'Present when this is the account’s first second factor' }),
    ),
  },
  { additionalProperties: false },
);
export type PasskeyRegistrationView = Static<typeof PasskeyRegistrationView>;

export const PasskeyAssertionBody = Type.Object(
  { credential: WebAuthnCredentialJson },
  { additionalProperties: false },
);
export type PasskeyAssertionBody = Static<typeof PasskeyAssertionBody>;

export const RenamePasskeyBody = Type.Object({ name: Text(64) }, { additionalProperties: false });
export type RenamePasskeyBody = Static<typeof RenamePasskeyBody>;

export const SessionIdParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{22}$' }) },
  { additionalProperties: false },
);

export const DeviceSessionView = Type.Object(
  {
    id: Type.String({ description: 'Opaque id of the session (not its token)' }),
    createdAt: IsoDateTime,
    lastSeenAt: IsoDateTime,
    userAgent: Type.Union([Type.String(), Type.Null()]),
    isCurrent: Type.Boolean(),
    isPendingSecondFactor: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type DeviceSessionView = Static<typeof DeviceSessionView>;

export const DeviceSessionList = Type.Object(
  { items: Type.Array(DeviceSessionView) },
  { additionalProperties: false },
);
export type DeviceSessionList = Static<typeof DeviceSessionList>;

export const RevokedCount = Type.Object(
  { revoked: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
