import Type, { type Static } from 'typebox';
import { IsoDateTime } from './common.schema';

/** What a leaf attests (core/ledger/evidence/evidence-leaf.ts). */
export const evidenceTypes = [
  'application.event',
  'document.upload',
  'consent',
  'identity.check',
  'risk.decision',
  'interview.recording',
  'contract.document',
  'contract.signature',
  'collateral',
  'guarantee',
  'condition',
  'interview',
  'approval',
  'disbursement',
  'evidence.package',
  'legal.hold',
] as const;
export const EvidenceType = Type.Enum(evidenceTypes);
export type EvidenceType = Static<typeof EvidenceType>;

const Hex32 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lowercase hex' });
const Base64Hash = Type.String({
  pattern: '^[A-Za-z0-9+/]{43}=$',
  description: 'A 32-byte hash, standard base64',
});
const Size = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** A checkpoint as JSON, beside its signed note. */
export const CheckpointView = Type.Object(
  {
    origin: Type.String(),
    size: Size,
    rootHash: Base64Hash,
    /** The C2SP signed note, with the log's signature and any witness cosignatures. */
    note: Type.String(),
    signedAt: IsoDateTime,
    cosignedBy: Type.Array(Type.String(), {
      description: 'Names of the witnesses whose cosignature it carries',
    }),
  },
  { additionalProperties: false },
);
export type CheckpointView = Static<typeof CheckpointView>;

export const WitnessView = Type.Object(
  {
    name: Type.String(),
    url: Type.String(),
    /** The largest checkpoint size this witness has cosigned for us (0 if never). */
    cosignedSize: Size,
  },
  { additionalProperties: false },
);

/** `GET /api/ledger/overview` — staff. */
export const LedgerOverview = Type.Object(
  {
    origin: Type.String(),
    /** The log's verifier key in the C2SP note vkey format. */
    vkey: Type.String(),
    /** The latest published checkpoint (cosigned when witnesses are configured); null before the first. */
    checkpoint: Type.Union([CheckpointView, Type.Null()]),
    /** Entries sequenced (durable, with an index) and entries integrated into the tree. */
    sequencedSize: Size,
    integratedSize: Size,
    witnesses: Type.Array(WitnessView),
    requiredCosignatures: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type LedgerOverview = Static<typeof LedgerOverview>;

/** One leaf of the log as shown to staff and borrowers. */
export const LedgerEntryView = Type.Object(
  {
    index: Size,
    leafHash: Hex32,
    type: EvidenceType,
    /** When the server recorded the evidence (from the leaf). */
    at: IsoDateTime,
    actorRole: Type.String(),
    /** SHA-256 of the attested record. */
    record: Hex32,
    /** False while the entry is sequenced but not yet covered by a published checkpoint. */
    isCheckpointed: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type LedgerEntryView = Static<typeof LedgerEntryView>;

/** `GET /api/ledger/applications/:id/entries` (staff) and the borrower's receipts. */
export const LedgerEntryList = Type.Object(
  {
    applicationId: Type.String({ format: 'uuid' }),
    reference: Type.String(),
    entries: Type.Array(LedgerEntryView),
  },
  { additionalProperties: false },
);
export type LedgerEntryList = Static<typeof LedgerEntryList>;

/** `GET /api/ledger/receipts` — the borrower's own applications and their entries. */
export const ReceiptList = Type.Object(
  { applications: Type.Array(LedgerEntryList) },
  { additionalProperties: false },
);
export type ReceiptList = Static<typeof ReceiptList>;

/** `GET /api/ledger/proofs/inclusion?index=N | leafHash=…[&size=M]` — public. */
export const InclusionQuery = Type.Object(
  {
    index: Type.Optional(Size),
    leafHash: Type.Optional(Type.Union([Hex32, Base64Hash])),
    /** Tree size to prove against; defaults to the latest published checkpoint. */
    size: Type.Optional(Size),
  },
  { additionalProperties: false },
);
export type InclusionQuery = Static<typeof InclusionQuery>;

export const InclusionProof = Type.Object(
  {
    index: Size,
    size: Size,
    leafHash: Base64Hash,
    /** RFC 9162 inclusion path, leaf to root, base64. */
    proof: Type.Array(Base64Hash),
    rootHash: Base64Hash,
    /** The published checkpoint of that size, when the size is one (absent for other sizes). */
    checkpoint: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type InclusionProof = Static<typeof InclusionProof>;

/** `GET /api/ledger/proofs/consistency?from=N&to=M` — public. */
export const ConsistencyQuery = Type.Object(
  { from: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), to: Type.Optional(Size) },
  { additionalProperties: false },
);
export type ConsistencyQuery = Static<typeof ConsistencyQuery>;

export const ConsistencyProof = Type.Object(
  {
    from: Size,
    to: Size,
    fromRootHash: Base64Hash,
    toRootHash: Base64Hash,
    proof: Type.Array(Base64Hash),
  },
  { additionalProperties: false },
);
export type ConsistencyProof = Static<typeof ConsistencyProof>;

export const ReceiptParams = Type.Object({ index: Size }, { additionalProperties: false });
