import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { derTlv } from './der-tlv';
import type { KeyRef, KeyStore } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { signatureAlgorithm } from './signature-algorithm';
import { x509Extensions } from './x509-extensions';

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050 on. */
export function x509Time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? 0 : 1, value: date });
}

/** A positive 128-bit serial number, so serials are unpredictable and never collide (CA/B BR 7.1). */
export function randomSerial(): asn1js.Integer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return new asn1js.Integer({ valueHex: pkiEncoding.arrayBuffer(bytes) });
}

/**
 * Issue an X.509 v3 certificate signed through the {@link KeyStore}. Built with pkijs rather than
 * @peculiar/x509 because the TBS bytes must go to `KeyStore.sign` (an HSM in production), and because
 * @peculiar/x509 2.x needs a global `Reflect.getMetadata` polyfill (tsyringe) that this project does
 * not install. Adds SubjectKeyIdentifier and AuthorityKeyIdentifier itself; `extensions` holds the
 * profile (basic constraints, key usage, EKU, CRL distribution point, policies ...).
 */
export async function issueCertificate({
  keyStore,
  issuerKey,
  issuer,
  subject,
  subjectPublicKey,
  notBefore,
  notAfter,
  extensions,
}: {
  keyStore: KeyStore;
  issuerKey: KeyRef;
  /** The issuing CA's certificate; omit for a self-signed root. */
  issuer?: pkijs.Certificate;
  subject: pkijs.RelativeDistinguishedNames;
  /** DER SubjectPublicKeyInfo of the key being certified. */
  subjectPublicKey: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  extensions: pkijs.Extension[];
}): Promise<pkijs.Certificate> {
  if (issuer && notAfter > issuer.notAfter.value)
    throw new Error('certificate would outlive its issuing CA; shorten the validity');
  const spki = new pkijs.PublicKeyInfo({ schema: pkiEncoding.parseDer(subjectPublicKey, 'public key') });
  const issuerSpki = issuer?.subjectPublicKeyInfo ?? spki;
  const algorithm = signatureAlgorithm(issuerKey.algorithm);
  const cert = new pkijs.Certificate({
    version: 2,
    serialNumber: randomSerial(),
    signature: algorithm,
    signatureAlgorithm: algorithm,
    issuer: issuer?.subject ?? subject,
    subject,
    notBefore: x509Time(notBefore),
    notAfter: x509Time(notAfter),
    subjectPublicKeyInfo: spki,
    extensions: [
      ...extensions,
      x509Extensions.subjectKeyIdentifier(spki),
      x509Extensions.authorityKeyIdentifier(issuerSpki),
    ],
  });
  const tbs = Buffer.from(cert.encodeTBS().toBER(false));
  const signature = await keyStore.sign(issuerKey, tbs);
  // Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }, parsed
  // back so the object is exactly what a verifier reading the DER will see.
  const der = derTlv(0x30, tbs, pkiEncoding.der(algorithm), derTlv(0x03, Buffer.from([0]), signature));
  return pkiEncoding.certificate(der);
}
