import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { derTlv } from './der-tlv';
import type { KeyRef, KeyStore } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import { sha256Algorithm, signatureAlgorithm } from './signature-algorithm';

/** A CMS attribute as DER pieces: its type and the DER of each value. */
export interface CmsAttribute {
  type: string;
  values: Uint8Array[];
}

/**
 * ESS signing-certificate-v2 (RFC 5035): SHA-256 of the signer certificate plus its issuer and
 * serial, so the certificate cannot be swapped under the signature. Required by CAdES/PAdES baseline
 * and by RFC 5816 for timestamp tokens (openssl ts -verify checks it).
 */
export function signingCertificateV2(cert: pkijs.Certificate): CmsAttribute {
  const certHash = createHash('sha256').update(pkiEncoding.der(cert)).digest();
  // IssuerSerial { issuer GeneralNames { [4] directoryName }, serialNumber }
  const issuerSerial = derTlv(
    0x30,
    derTlv(0x30, derTlv(0xa4, pkiEncoding.der(cert.issuer))),
    Buffer.from(cert.serialNumber.toBER(false)),
  );
  // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { [sha256 default omitted,] certHash, issuerSerial } }
  const value = derTlv(0x30, derTlv(0x30, derTlv(0x30, derTlv(0x04, certHash), issuerSerial)));
  return { type: PKI_OIDS.signingCertificateV2, values: [value] };
}

/**
 * Build a CMS SignedData with one signer whose key is in the {@link KeyStore}: the common core of a
 * PAdES signature (detached, content = the PDF's byte ranges) and of an RFC 3161 token (content =
 * TSTInfo, encapsulated). Signed attributes are content-type, message-digest and
 * signing-certificate-v2 — deliberately no signing-time: PAdES forbids it (the time is the PDF's /M
 * and, provably, the timestamp) and RFC 3161 has genTime. `unsignedAttributes` receives the signature
 * value, which is what a signature timestamp is taken over.
 *
 * The DER is assembled by hand from cached pieces (certificates, the timestamp token) rather than
 * through pkijs objects: pkijs/asn1js 4 re-encode and re-parse every embedded certificate, which made
 * each signature cost tens of milliseconds. The output is plain DER that pkijs, OpenSSL and NSS parse.
 */
export async function buildSignedData({
  keyStore,
  key,
  signer,
  certificates,
  contentDigest,
  eContentType = PKI_OIDS.data,
  eContent,
  unsignedAttributes,
}: {
  keyStore: KeyStore;
  key: KeyRef;
  signer: pkijs.Certificate;
  /** Certificates to embed: the signer first, then its chain. */
  certificates: pkijs.Certificate[];
  /** SHA-256 of the content (the signed byte ranges, or the TSTInfo DER). */
  contentDigest: Uint8Array;
  eContentType?: string;
  /** Encapsulated content; omit for a detached signature. */
  eContent?: Uint8Array;
  unsignedAttributes?: (signatureValue: Buffer) => Promise<CmsAttribute[]>;
}): Promise<{ der: Buffer; signatureValue: Buffer }> {
  const signed = [
    { type: PKI_OIDS.contentType, values: [oid(eContentType)] },
    { type: PKI_OIDS.messageDigest, values: [derTlv(0x04, contentDigest)] },
    signingCertificateV2(signer),
  ]
    .map(encodeAttribute)
    // DER: a SET OF is sorted by the encodings of its elements; what is signed is that SET's encoding.
    .sort(Buffer.compare);
  const signatureValue = await keyStore.sign(key, derTlv(0x31, ...signed));
  const unsigned = unsignedAttributes ? (await unsignedAttributes(signatureValue)).map(encodeAttribute) : [];

  const signerInfo = derTlv(
    0x30,
    derTlv(0x02, Buffer.from([1])), // version 1: sid is IssuerAndSerialNumber
    derTlv(0x30, pkiEncoding.der(signer.issuer), Buffer.from(signer.serialNumber.toBER(false))),
    pkiEncoding.der(sha256Algorithm()),
    derTlv(0xa0, ...signed), // [0] IMPLICIT signedAttrs
    pkiEncoding.der(signatureAlgorithm(key.algorithm)),
    derTlv(0x04, signatureValue),
    ...(unsigned.length > 0 ? [derTlv(0xa1, ...unsigned.sort(Buffer.compare))] : []), // [1] IMPLICIT
  );
  const encapContentInfo = derTlv(
    0x30,
    oid(eContentType),
    ...(eContent ? [derTlv(0xa0, derTlv(0x04, eContent))] : []),
  );
  const signedData = derTlv(
    0x30,
    // RFC 5652 §5.1: version 3 when the content type is not id-data (timestamp tokens).
    derTlv(0x02, Buffer.from([eContentType === PKI_OIDS.data ? 1 : 3])),
    derTlv(0x31, pkiEncoding.der(sha256Algorithm())),
    encapContentInfo,
    derTlv(0xa0, ...certificates.map((c) => pkiEncoding.der(c))), // [0] IMPLICIT CertificateSet
    derTlv(0x31, signerInfo),
  );
  return { der: derTlv(0x30, oid(PKI_OIDS.signedData), derTlv(0xa0, signedData)), signatureValue };
}

function encodeAttribute({ type, values }: CmsAttribute): Buffer {
  return derTlv(0x30, oid(type), derTlv(0x31, ...values));
}

function oid(value: string): Buffer {
  return Buffer.from(new asn1js.ObjectIdentifier({ value }).toBER(false));
}
