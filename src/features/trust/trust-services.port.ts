/**
 * The platform's public trust services (信任服务): what relying parties outside the platform need to
 * check a signed contract on their own — the CA certificates, the issuing CA's CRL, the OCSP
 * responder and, when the bank chooses to offer it, the timestamp authority. All bytes are DER.
 */
export interface TrustServices {
  rootCertificateDer(): Buffer;
  issuingCertificateDer(): Buffer;
  /** A current CRL of the issuing CA. */
  issuingCrl(): Promise<Buffer>;
  /** The root's CRL (revoked issuing CAs), made at the key ceremony; the issuing CA's CDP points here. */
  rootCrl?(): Buffer;
  /** An OCSPResponse for a DER OCSPRequest (RFC 6960); never throws, bad input gets an error status. */
  ocsp(requestDer: Uint8Array): Promise<Buffer>;
  /** A TimeStampResp for a DER TimeStampReq (RFC 3161); absent when timestamping is not public. */
  timestamp?(queryDer: Uint8Array): Promise<Buffer>;
}
