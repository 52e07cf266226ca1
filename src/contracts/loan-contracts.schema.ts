import Type, { type Static } from 'typebox';
import { IsoDateTime, Text, Uuid, YuanString } from './common.schema';

const strict = { additionalProperties: false } as const;

/** Where a contract stands: parties signing, waiting for the bank's seal, signed (sealed and LTA-finished). */
export const contractStatuses = ['signing', 'awaiting_seal', 'signed'] as const;
export const ContractStatus = Type.Enum(contractStatuses);
export type ContractStatus = Static<typeof ContractStatus>;

/** Sequential: borrower, then each guarantor in order, then the bank. Parallel: people in any order, the bank last. */
export const signingOrders = ['sequential', 'parallel'] as const;
export const SigningOrder = Type.Enum(signingOrders);
export type SigningOrder = Static<typeof SigningOrder>;

export const contractSignerRoles = ['borrower', 'guarantor', 'lender'] as const;
export const ContractSignerRole = Type.Enum(contractSignerRoles);
export type ContractSignerRole = Static<typeof ContractSignerRole>;

/** The statement a signer confirms before signing (意愿确认), versioned like the consent texts. */
export const SIGNING_INTENT_VERSION = 'signing-intent-2026.1';

/** Staff prepare the contract of an approved application. */
export const PrepareContractBody = Type.Object(
  {
    locale: Type.Optional(Type.Enum(['zh-CN', 'en'] as const)),
    signingOrder: Type.Optional(SigningOrder),
    /** Guarantors who sign, by their accounts' mobile numbers; each must have a verified identity. */
    guarantorPhones: Type.Optional(Type.Array(Type.String({ pattern: '^1[3-9][0-9]{9}$' }), { maxItems: 4 })),
    /** 放款账户 and 还款账户 (the same account): the borrower's bank account. */
    account: Type.Object(
      {
        bankName: Text(100, { minLength: 2 }),
        accountNumber: Type.String({ pattern: '^[0-9]{12,19}$' }),
      },
      strict,
    ),
    /** Expected drawdown date (ISO date); defaults to 7 days after preparation. */
    startDate: Type.Optional(Type.String({ format: 'date' })),
  },
  strict,
);
export type PrepareContractBody = Static<typeof PrepareContractBody>;

/** The intent (意愿) a signer states with the signature; the server adds the second factor's time. */
export const SignContractBody = Type.Object(
  {
    /** SHA-256 (hex) of the unsigned contract as the signer read it; must match the server's. */
    contentHash: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** The signer ticked "I have read and agree" (本人已阅读并同意); must be true. */
    agreed: Type.Literal(true),
    intentVersion: Type.Literal(SIGNING_INTENT_VERSION),
  },
  strict,
);
export type SignContractBody = Static<typeof SignContractBody>;

export const PageParams = Type.Object({ id: Uuid, page: Type.Integer({ minimum: 1, maximum: 500 }) }, strict);

export const ContractSignerView = Type.Object(
  {
    role: ContractSignerRole,
    /** Order of signing (1 = first). */
    position: Type.Integer(),
    fieldName: Type.String(),
    displayName: Type.String(),
    status: Type.Enum(['pending', 'signed'] as const),
    signedAt: Type.Union([IsoDateTime, Type.Null()]),
    /** Pages this signer has opened, in order of first reading. */
    pagesRead: Type.Array(Type.Integer()),
    /** True for the caller's own row. */
    isMe: Type.Boolean(),
    /** For the bank: signed under a standing seal authorisation (its id), or by a person (null). */
    sealAuthorisationId: Type.Union([Uuid, Type.Null()]),
  },
  strict,
);
export type ContractSignerView = Static<typeof ContractSignerView>;

export const ContractView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    contractNumber: Type.String(),
    templateVersion: Type.String(),
    locale: Type.Enum(['zh-CN', 'en'] as const),
    status: ContractStatus,
    signingOrder: SigningOrder,
    amount: YuanString,
    termMonths: Type.Integer(),
    nominalAnnualRate: Type.String(),
    /** 年化利率 (fee-inclusive IRR × 12), decimal fraction. */
    annualisedRate: Type.String(),
    pageCount: Type.Integer(),
    /** SHA-256 of the unsigned PDF (what every party reads and agrees to). */
    contentHash: Type.String(),
    /** SHA-256 of the newest revision (after the latest signature). */
    currentHash: Type.String(),
    signers: Type.Array(ContractSignerView),
    /** The caller may sign now (their turn, not yet signed). */
    canSign: Type.Boolean(),
    /** The statement a signer confirms (意愿确认), in the contract's language, and its version. */
    intentStatement: Type.Object({ version: Type.String(), text: Type.String() }, strict),
    createdAt: IsoDateTime,
    completedAt: Type.Union([IsoDateTime, Type.Null()]),
  },
  strict,
);
export type ContractView = Static<typeof ContractView>;

export const ContractList = Type.Object({ items: Type.Array(ContractView) }, strict);

/** One signature as a verifier reports it (our verifier; pdfsig and openssl agree in the tests). */
export const SignatureCheckView = Type.Object(
  {
    fieldName: Type.String(),
    signer: Type.String(),
    /** The claimed signing time (the signature dictionary's /M). */
    claimedTime: Type.Union([IsoDateTime, Type.Null()]),
    /** The RFC 3161 timestamp's time: proof the signature existed then. */
    timestampTime: Type.Union([IsoDateTime, Type.Null()]),
    integrity: Type.Boolean(),
    certificateChainValid: Type.Boolean(),
    timestampValid: Type.Boolean(),
    /** Covers the whole file as it is (the last revision) or an earlier revision. */
    coversWholeDocument: Type.Boolean(),
    problems: Type.Array(Type.String()),
  },
  strict,
);

export const ContractVerificationView = Type.Object(
  {
    contractId: Uuid,
    fileHash: Type.String(),
    valid: Type.Boolean(),
    signatures: Type.Array(SignatureCheckView),
    /** A document timestamp over the whole file (B-LTA), when present and valid. */
    documentTimestamp: Type.Union([
      Type.Object({ time: IsoDateTime, valid: Type.Boolean() }, strict),
      Type.Null(),
    ]),
    checkedAt: IsoDateTime,
  },
  strict,
);
export type ContractVerificationView = Static<typeof ContractVerificationView>;

/** A standing authorisation for the bank's seal to sign automatically (印章授权), revocable and logged. */
export const SealAuthorisationView = Type.Object(
  {
    id: Uuid,
    scope: Type.Literal('loan_contracts'),
    /** Largest contract amount it covers. */
    maxAmount: YuanString,
    reason: Type.String(),
    grantedBy: Uuid,
    grantedAt: IsoDateTime,
    expiresAt: IsoDateTime,
    revokedAt: Type.Union([IsoDateTime, Type.Null()]),
    revokedBy: Type.Union([Uuid, Type.Null()]),
    revokeReason: Type.Union([Type.String(), Type.Null()]),
    active: Type.Boolean(),
  },
  strict,
);
export type SealAuthorisationView = Static<typeof SealAuthorisationView>;

export const SealAuthorisationList = Type.Object({ items: Type.Array(SealAuthorisationView) }, strict);

export const GrantSealAuthorisationBody = Type.Object(
  {
    maxAmount: YuanString,
    reason: Text(500, { minLength: 4 }),
    /** Days until it lapses (1–366). */
    validDays: Type.Integer({ minimum: 1, maximum: 366 }),
  },
  strict,
);

export const RevokeSealAuthorisationBody = Type.Object({ reason: Text(500, { minLength: 4 }) }, strict);
