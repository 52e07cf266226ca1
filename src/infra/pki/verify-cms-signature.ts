import { createHash, createPublicKey, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';

/** Outcome of checking one CMS signature against its content. */
export type CmsIntegrity =
  'valid' | 'digest-mismatch' | 'bad-signature' | 'bad-signing-certificate' | 'malformed';

export interface CmsVerification {
  integrity: CmsIntegrity;
  signer: pkijs.Certificate | null;
  /** Every certificate embedded in the CMS. */
  certificates: pkijs.Certificate[];
  signerInfo: pkijs.SignerInfo | null;
  /** The SignerInfo's signature value (what a signature timestamp covers). */
  signatureValue: Buffer | null;
  eContentType: string | null;
  /** The encapsulated content (a TSTInfo for timestamp tokens); null when detached. */
  eContent: Buffer | null;
  problems: string[];
}

const HASHES: Record<string, string> = {
  [PKI_OIDS.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const SIGNING_CERTIFICATE_V1 = '1.2.840.113549.1.9.16.2.12';

/**
 * Verify a CMS SignedData (a PAdES signature or an RFC 3161 token) the way RFC 5652 §5.4–5.6 says:
 * the message-digest attribute must equal the hash of the content (detached: `content` is the PDF's
 * signed byte ranges; encapsulated: the eContent), the content-type attribute must match, the
 * signature must verify over the DER of the signed attributes with the signer certificate's key, and
 * the ESS signing-certificate(-v2) hash must match that certificate. Uses node:crypto for the maths
 * (RSA PKCS#1 v1.5 and ECDSA) and pkijs only to parse. Never throws on bad input: it reports.
 */
export function verifyCmsSignature({
  cms,
  content,
}: {
  cms: Uint8Array;
  content?: Uint8Array[];
}): CmsVerification {
  const result: CmsVerification = {
    integrity: 'malformed',
    signer: null,
    certificates: [],
    signerInfo: null,
    signatureValue: null,
    eContentType: null,
    eContent: null,
    problems: [],
  };
  let signedData: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: pkiEncoding.parseDer(cms, 'CMS') });
    if (info.contentType !== PKI_OIDS.signedData) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    result.problems.push(`CMS does not parse: ${(e as Error).message}`);
    return result;
  }
  result.certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  result.eContentType = signedData.encapContentInfo.eContentType;
  const eContent = signedData.encapContentInfo.eContent;
  if (eContent) result.eContent = octets(eContent);
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1) {
    result.problems.push(`expected one SignerInfo, found ${signedData.signerInfos.length}`);
    if (!signerInfo) return result;
  }
  result.signerInfo = signerInfo;
  result.signatureValue = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  const signer = findSigner(signerInfo, result.certificates);
  result.signer = signer;
  const hash = HASHES[signerInfo.digestAlgorithm.algorithmId];
  if (!signer || !hash || !signerInfo.signedAttrs) {
    if (!signer) result.problems.push('signer certificate is not in the CMS');
    if (!hash) result.problems.push(`unsupported digest ${signerInfo.digestAlgorithm.algorithmId}`);
    if (!signerInfo.signedAttrs) result.problems.push('no signed attributes');
    return result;
  }

  const chunks = result.eContent ? [result.eContent] : (content ?? []);
  const digest = chunks.reduce((h, c) => h.update(c), createHash(hash)).digest();
  const attrs = signerInfo.signedAttrs.attributes;
  const attr = (oid: string) => attrs.find((a) => a.type === oid)?.values[0];
  const messageDigest = attr(PKI_OIDS.messageDigest);
  const contentType = attr(PKI_OIDS.contentType);
  if (!(messageDigest instanceof asn1js.OctetString) || !(contentType instanceof asn1js.ObjectIdentifier)) {
    result.problems.push('message-digest or content-type attribute missing');
    return result;
  }
  if (contentType.valueBlock.toString() !== result.eContentType)
    result.problems.push('content-type attribute does not match the content');

  // The signature covers the signed attributes' DER with the [0] IMPLICIT tag read as SET (0x31).
  const signedAttrs = Buffer.from(signerInfo.signedAttrs.encodedValue);
  signedAttrs[0] = 0x31;
  let signatureOk = false;
  try {
    const key = createPublicKey({
      key: pkiEncoding.der(signer.subjectPublicKeyInfo),
      format: 'der',
      type: 'spki',
    });
    signatureOk = verify(hash, signedAttrs, key, result.signatureValue);
  } catch (e) {
    result.problems.push(`signature check failed to run: ${(e as Error).message}`);
  }

  if (!Buffer.from(messageDigest.valueBlock.valueHexView).equals(digest))
    result.integrity = 'digest-mismatch';
  else if (!signatureOk) result.integrity = 'bad-signature';
  else result.integrity = checkSigningCertificate(attr, signer, result.problems);
  return result;
}

function checkSigningCertificate(
  attr: (oid: string) => asn1js.AsnType | undefined,
  signer: pkijs.Certificate,
  problems: string[],
): CmsIntegrity {
  const v2 = attr(PKI_OIDS.signingCertificateV2);
  const v1 = attr(SIGNING_CERTIFICATE_V1);
  const value = v2 ?? v1;
  if (!value) {
    problems.push('no ESS signing-certificate attribute (not CAdES/PAdES baseline)');
    return 'valid';
  }
  try {
    const certs = (value as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const first = certs.valueBlock.value[0] as asn1js.Sequence;
    const parts = first.valueBlock.value;
    // ESSCertIDv2: [hashAlgorithm DEFAULT sha256,] certHash; ESSCertID (v1): certHash (SHA-1).
    let hash = v2 ? 'sha256' : 'sha1';
    let certHash = parts[0];
    if (v2 && parts[0] instanceof asn1js.Sequence) {
      const alg = new pkijs.AlgorithmIdentifier({ schema: parts[0] });
      hash = HASHES[alg.algorithmId] ?? 'unknown';
      certHash = parts[1];
    }
    if (!(certHash instanceof asn1js.OctetString)) throw new Error('certHash missing');
    const actual = createHash(hash).update(pkiEncoding.der(signer)).digest();
    if (actual.equals(Buffer.from(certHash.valueBlock.valueHexView))) return 'valid';
    problems.push('signing-certificate attribute names a different certificate');
    return 'bad-signing-certificate';
  } catch (e) {
    problems.push(`signing-certificate attribute unreadable: ${(e as Error).message}`);
    return 'bad-signing-certificate';
  }
}

function findSigner(info: pkijs.SignerInfo, certs: pkijs.Certificate[]): pkijs.Certificate | null {
  const sid = info.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return (
      certs.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null
    );
  if (sid instanceof asn1js.Primitive) {
    // [0] SubjectKeyIdentifier
    const ski = Buffer.from(sid.valueBlock.valueHexView);
    return (
      certs.find((c) => {
        const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
        const value = ext && pkiEncoding.parseDer(ext.extnValue.valueBlock.valueHexView, 'SKI');
        return value instanceof asn1js.OctetString && ski.equals(Buffer.from(value.valueBlock.valueHexView));
      }) ?? null
    );
  }
  return null;
}

/** The bytes of an OCTET STRING, also when BER-encoded as constructed segments. */
function octets(value: asn1js.OctetString): Buffer {
  if (!value.idBlock.isConstructed) return Buffer.from(value.valueBlock.valueHexView);
  return Buffer.concat(
    value.valueBlock.value.map((v) => (v instanceof asn1js.OctetString ? octets(v) : Buffer.alloc(0))),
  );
}
