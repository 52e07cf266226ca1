/**
 * Object identifiers used by the platform PKI.
 *
 * The platform's own identifiers live under a UUID arc (ITU-T X.667: `2.25.<uuid as integer>`, here
 * UUID b52a1147-12b2-4151-a1d7-163efacae628), which needs no registration and cannot collide; if the
 * bank obtains an IANA Private Enterprise Number (free), only {@link PLATFORM_ARC} changes — worth
 * doing, since the 128-bit arc trips some tools: asn1js reads it back as `{hex}` (compare OIDs with
 * `pkiEncoding.sameOid`), and verifiers with 64-bit arc limits may print it oddly. OpenSSL, NSS
 * (pdfsig) and pkijs handle it.
 */
export const PLATFORM_ARC = '2.25.240808694137077263779497620948868851240';

export const PKI_OIDS = {
  /** Certificate policy of the platform CA (event certificates and organisation seals). */
  certificatePolicy: `${PLATFORM_ARC}.1.1`,
  /** Timestamp policy of the platform TSA, written into every TSTInfo. */
  timestampPolicy: `${PLATFORM_ARC}.1.2`,
  /**
   * Extension binding a signer certificate to the verified identity without carrying the ID number:
   * `SignerBinding ::= SEQUENCE { idNumberCommitment OCTET STRING, applicationId UTF8String,
   * role UTF8String }`.
   */
  signerBindingExtension: `${PLATFORM_ARC}.2.1`,

  // Standard identifiers.
  sha256: '2.16.840.1.101.3.4.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecPublicKey: '1.2.840.10045.2.1',
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** RFC 9336 id-kp-documentSigning. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  /** id-kp-OCSPSigning: a delegated OCSP responder's certificate (RFC 6960 §4.2.2.2). */
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** id-pkix-ocsp-nocheck: relying parties need not check the responder certificate's revocation. */
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  /** id-pkix-ocsp-basic: the only OCSP response type (BasicOCSPResponse). */
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  /** id-pkix-ocsp-nonce request and response extension. */
  ocspNonce: '1.3.6.1.5.5.7.48.1.2',
  /** AuthorityInfoAccess access methods: id-ad-ocsp and id-ad-caIssuers. */
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
  sha1: '1.3.14.3.2.26',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  /** X.520 organizationIdentifier (for the bank's 统一社会信用代码, unified social credit code). */
  organizationIdentifier: '2.5.4.97',
} as const;
