import Type, { type Static } from 'typebox';
import { IsoDateTime, Text, Uuid } from './common.schema';

export const roles = [
  'borrower_individual',
  'borrower_enterprise',
  'loan_officer',
  'risk_officer',
  'approver',
  'admin',
] as const;
export const Role = Type.Enum(roles);
export type Role = Static<typeof Role>;
export const borrowerRoles = ['borrower_individual', 'borrower_enterprise'] as const;
export const staffRoles = ['loan_officer', 'risk_officer', 'approver', 'admin'] as const;

export const MobileNumber = Type.String({
  pattern: '^(\\+?86)?1[3-9][0-9]{9}$',
  description: 'Mainland mobile number',
});
/** Passwords: 10 to 128 characters (long passphrases welcome). */
export const Password = Type.String({ minLength: 10, maxLength: 128 });

export const ActingAs = Type.Enum(['legal_representative', 'authorised_agent']);

export const RegisterBody = Type.Object(
  {
    mobile: MobileNumber,
    password: Password,
    displayName: Text(64),
    role: Type.Enum(['borrower_individual', 'borrower_enterprise']),
    enterprise: Type.Optional(
      Type.Object(
        {
          companyName: Text(128),
          creditCode: Type.String({ pattern: '^[0-9A-Za-z]{18}$' }),
          actingAs: ActingAs,
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const ChangePasswordBody = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

/** Closing my account: the password confirms it is me. */
export const CloseAccountBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type CloseAccountBody = Static<typeof CloseAccountBody>;

export const PasswordChangedView = Type.Object(
  { ok: Type.Literal(true), sessionsEnded: Type.Integer({ minimum: 0 }) },
  { additionalProperties: false },
);
export type PasswordChangedView = Static<typeof PasswordChangedView>;

export const LoginBody = Type.Object(
  { mobile: MobileNumber, password: Type.String({ minLength: 1, maxLength: 128 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const AccountView = Type.Object(
  {
    id: Uuid,
    role: Role,
    displayName: Type.String(),
    mobileMasked: Type.String({ description: 'e.g. 138****8000' }),
    companyName: Type.Union([Type.String(), Type.Null()]),
    isDisabled: Type.Boolean(),
    createdAt: IsoDateTime,
  },
  { additionalProperties: false },
);
export type AccountView = Static<typeof AccountView>;

export const SessionView = Type.Object(
  {
    account: AccountView,
    csrfToken: Type.String({
      description: 'Send back in the X-CSRF-Token header on every state-changing request',
    }),
    expiresAt: IsoDateTime,
    secondFactorRequired: Type.Optional(
      Type.Boolean({
        description:
          'True when the login waits for its second factor: the session reaches only the second-factor endpoints and logout',
      }),
    ),
    secondFactorMethods: Type.Optional(
      Type.Array(Type.Enum(['totp', 'recovery_code', 'passkey']), {
        description: 'The second factors the account can use',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SessionView = Static<typeof SessionView>;

export const CreateStaffAccountBody = Type.Object(
  {
    mobile: MobileNumber,
    password: Password,
    displayName: Text(64),
    role: Type.Enum(['loan_officer', 'risk_officer', 'approver', 'admin']),
  },
  { additionalProperties: false },
);
export type CreateStaffAccountBody = Static<typeof CreateStaffAccountBody>;

export const AccountList = Type.Object({ items: Type.Array(AccountView) }, { additionalProperties: false });
