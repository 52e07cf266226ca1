/**
 * The signing-key port. Every private key that signs a contract (a borrower's or guarantor's
 * per-event key, the bank's organisation seal key, the timestamp authority's key) is reached only
 * through this interface, so the software store used in development and tests can be swapped for an
 * HSM without touching the PAdES, CMS or timestamp code.
 *
 * ## Contract (what every adapter must do)
 *
 * - `generate(label, algorithm?)` creates a NEW key pair inside the store and returns a reference. The
 *   private key never leaves the store: software keys are non-extractable WebCrypto keys; in an HSM
 *   the key is created with `CKA_EXTRACTABLE=false`, `CKA_SENSITIVE=true`, `CKA_TOKEN=true` (or
 *   `false` for session-only per-event keys) and `CKA_SIGN=true`. `label` becomes `CKA_LABEL`
 *   (e.g. `signer/<applicationId>/<role>/<eventId>`, `org/<bankId>`, `tsa/<n>`); the adapter adds a
 *   random `CKA_ID` and returns it in `KeyRef.id`. Labels are for operators, ids are for lookups.
 * - `sign(ref, data)` signs `data` with SHA-256 and the key's algorithm, and returns the signature
 *   in the encoding X.509 and CMS use: PKCS#1 v1.5 bytes for RSA, a DER `Ecdsa-Sig-Value`
 *   (SEQUENCE { r INTEGER, s INTEGER }) for ECDSA — NOT the raw r‖s that WebCrypto and PKCS#11
 *   `CKM_ECDSA` return. An HSM adapter may hash in software and call `C_Sign` with `CKM_ECDSA` on the
 *   32-byte digest (or `CKM_RSA_PKCS` on a DigestInfo), or let the HSM hash with `CKM_ECDSA_SHA256` /
 *   `CKM_SHA256_RSA_PKCS`; the result must be identical either way. `data` is at most a few KB (CMS
 *   signed attributes, a TSTInfo's attributes), never a whole document.
 * - `publicKey(ref)` returns the DER SubjectPublicKeyInfo, which the platform CA certifies. For an HSM
 *   this is built from `CKA_EC_PARAMS` + `CKA_EC_POINT` (or `CKA_MODULUS` + `CKA_PUBLIC_EXPONENT`).
 * - Keys are addressed only by `KeyRef`; an unknown ref rejects with an error, never signs with
 *   another key. Per-event signer keys may be destroyed after their signature (`destroy`), since
 *   their certificate is valid for about an hour and the signature's timestamp proves it was used
 *   inside that window.
 *
 * ## HSM adapter sketch (PKCS#11)
 *
 * `C_GenerateKeyPair(CKM_EC_KEY_PAIR_GEN, {CKA_EC_PARAMS: P-256 OID, CKA_TOKEN, CKA_VERIFY}, {CKA_LABEL,
 * CKA_ID, CKA_SIGN, CKA_SENSITIVE, CKA_EXTRACTABLE=false, CKA_PRIVATE})`; `sign` =
 * `C_FindObjects(CKA_CLASS=PRIVATE_KEY, CKA_ID)` → `C_SignInit(CKM_ECDSA)` → `C_Sign(sha256(data))` →
 * DER-encode r‖s; `publicKey` = read the public object's attributes. A login (`C_Login` with the
 * crypto-user PIN from config) happens once per session; signing must be safe to call concurrently
 * (one PKCS#11 session per concurrent call, or a session pool). `node-webcrypto-p11` wraps exactly
 * this in the WebCrypto API, so an adapter can reuse {@link SoftwareKeyStore}'s code path.
 */
export interface KeyStore {
  /** Create a new non-extractable key pair and return its reference. */
  generate(label: string, algorithm?: SigningKeyAlgorithm): Promise<KeyRef>;
  /** SHA-256-then-sign `data`; the signature in X.509/CMS encoding (DER for ECDSA). */
  sign(ref: KeyRef, data: Uint8Array): Promise<Buffer>;
  /** The key's DER SubjectPublicKeyInfo. */
  publicKey(ref: KeyRef): Promise<Buffer>;
  /**
   * Bring an existing private key (PKCS#8 DER or PEM) under the store's control, non-extractable: the
   * bank's seal key or the issuing CA key from config, the offline root for a ceremony. An HSM
   * adapter imports with `C_UnwrapKey` (or rejects, if policy says keys are born in the HSM).
   */
  import(label: string, algorithm: SigningKeyAlgorithm, pkcs8: Uint8Array | string): Promise<KeyRef>;
  /** Forget the key (per-event keys after use). Unknown refs are ignored. */
  destroy(ref: KeyRef): Promise<void>;
}

/**
 * Key algorithms the platform signs with. ECDSA P-256 is the default: pdfsig (NSS), OpenSSL and
 * @libpdf/core all accept it, keys are generated in well under a millisecond (RSA-2048 key generation
 * takes tens of milliseconds, which matters with a fresh key per signing event) and certificates and
 * CMS blobs are a third the size. RSA-2048 stays available for relying parties with old verifiers.
 */
export type SigningKeyAlgorithm = 'ECDSA-P256' | 'RSA-2048';

/** A handle to a key inside a {@link KeyStore}; carries no secret. */
export interface KeyRef {
  /** Store-assigned identifier (the PKCS#11 `CKA_ID` in an HSM). */
  readonly id: string;
  /** Operator-readable label given to `generate`. */
  readonly label: string;
  readonly algorithm: SigningKeyAlgorithm;
}
