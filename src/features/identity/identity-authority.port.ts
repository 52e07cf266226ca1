/**
 * The identity authority: the national citizen-identity verification service (公民身份信息核查, NCIIC
 * style) or a stand-in. It answers whether a name and an ID number belong together, and for a photo
 * request (人像比对) returns the registered photo or a similarity with the photo sent. The real
 * adapter's request/response contract is written down in docs/identity-authority.md; the local
 * registry (infra/identity) answers the same way from a table, for demos and tests.
 *
 * The answer is the authority's, never the client's: the browser only ever sends the details.
 */
export type AuthorityVerdict = 'consistent' | 'inconsistent' | 'no_record';

export interface AuthorityRequest {
  readonly name: string;
  /** Canonical form (upper-case X). */
  readonly idNumber: string;
  /** Ask for the registered photo (the reference for face comparison). */
  readonly wantsPhoto?: boolean | undefined;
  /** A live photo for the authority to compare itself, when it offers that instead. */
  readonly photo?: Uint8Array | undefined;
}

export interface AuthorityAnswer {
  /** Who answered, e.g. 'local-registry' or 'nciic'; stored with the answer. */
  readonly provider: string;
  readonly verdict: AuthorityVerdict;
  /** The provider's serial number for the request, when it gives one. */
  readonly reference: string | null;
  /** The registered photo (JPEG), when asked for and held. Never stored by the verification flow. */
  readonly registeredPhoto?: Uint8Array | undefined;
  /** 0..1, when a photo was sent and the authority compared it. */
  readonly similarity?: number | undefined;
  readonly requestedAt: Date;
  readonly answeredAt: Date;
  /** SHA-256 (hex) of the response exactly as received, so the stored answer can be matched to it. */
  readonly responseSha256: string;
}

export interface IdentityAuthority {
  readonly provider: string;
  /** Throws IDENTITY_AUTHORITY_UNAVAILABLE (AppError) when the authority does not answer. */
  check(request: AuthorityRequest): Promise<AuthorityAnswer>;
}

/**
 * Adding people to a local registry: the seed's demo borrower, and in development mode testers with
 * their own webcam photo. Absent (undefined) when the authority is a real service.
 */
export interface IdentityRegistry {
  register(input: {
    name: string;
    idNumber: string;
    photo?: Uint8Array | undefined;
    source: 'seed' | 'self_registered' | 'import';
    registeredBy?: string | undefined;
  }): Promise<void>;
}
