import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { derTlv } from './der-tlv';
import { x509Time } from './issue-certificate';
import type { KeyRef, KeyStore } from './key-store';
import { pkiEncoding } from './pki-encoding';
import { signatureAlgorithm } from './signature-algorithm';
import { x509Extensions } from './x509-extensions';

/** A certificate the CA has revoked, for {@link PlatformCa.createCrl}. */
export interface RevokedEntry {
  /** Serial number, lower-case hex as `pkiEncoding.serialHex` prints it. */
  serial: string;
  date: Date;
  /** RFC 5280 CRLReason (1 keyCompromise, 4 superseded, 5 cessationOfOperation ...). */
  reason?: number;
}

/**
 * Sign an X.509 v2 CRL through the key store: AuthorityKeyIdentifier, a CRL number equal to the issue
 * time in milliseconds (increasing without stored state), nextUpdate `validityMs` later, and one entry
 * (with reason code when known) per revoked certificate. Returns the DER.
 */
export async function signCrl({
  keyStore,
  key,
  issuer,
  now,
  revoked,
  validityMs,
}: {
  keyStore: KeyStore;
  key: KeyRef;
  issuer: pkijs.Certificate;
  now: Date;
  revoked: RevokedEntry[];
  validityMs: number;
}): Promise<Buffer> {
  const algorithm = signatureAlgorithm(key.algorithm);
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: algorithm,
    signatureAlgorithm: algorithm,
    issuer: issuer.subject,
    thisUpdate: x509Time(now),
    nextUpdate: x509Time(new Date(now.getTime() + validityMs)),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        x509Extensions.authorityKeyIdentifier(issuer.subjectPublicKeyInfo),
        x509Extensions.crlNumber(BigInt(now.getTime())),
      ],
    }),
  });
  if (revoked.length > 0)
    crl.revokedCertificates = revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: serialInteger(r.serial),
          revocationDate: x509Time(r.date),
          ...(r.reason === undefined
            ? {}
            : {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    new pkijs.Extension({
                      extnID: '2.5.29.21',
                      critical: false,
                      extnValue: new asn1js.Enumerated({ value: r.reason }).toBER(false),
                    }),
                  ],
                }),
              }),
        }),
    );
  // encodeTBS is protected on CRLs; toSchema(true) re-encodes and its first element is the TBS.
  const tbs = crl.toSchema(true).valueBlock.value[0];
  if (!tbs) throw new Error('CRL TBS encoding failed');
  const tbsDer = Buffer.from(tbs.toBER(false));
  const signature = await keyStore.sign(key, tbsDer);
  // CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING }
  return derTlv(0x30, tbsDer, pkiEncoding.der(algorithm), derTlv(0x03, Buffer.from([0]), signature));
}

function serialInteger(hex: string): asn1js.Integer {
  let bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return new asn1js.Integer({ valueHex: pkiEncoding.arrayBuffer(bytes) });
}
