import { createHash } from 'node:crypto';
import { readSignatureStructure } from './read-signature-structure';
import * as pkijs from 'pkijs';
import { findSignatureDictionaries, type RawSignatureDictionary } from './find-signature-dictionaries';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import { readOcspResponse, type OcspSingleStatus } from './read-ocsp-response';
import { validateCertificateChain, type ChainValidation } from './validate-certificate-chain';
import { verifyCmsSignature, type CmsIntegrity } from './verify-cms-signature';
import { verifyTimestampToken, type TimestampVerification } from './verify-timestamp-token';
import { x509Extensions } from './x509-extensions';
import { x509Name } from './x509-name';

/** What `mianqian contract verify` prints for one signature or document timestamp. */
export interface PdfSignatureReport {
  /** 1-based, in file order (= signing order). */
  index: number;
  field: string | null;
  kind: 'signature' | 'document-timestamp';
  subFilter: string | null;
  /** Signer certificate CN (the TSA for a document timestamp). */
  signer: string | null;
  signerSubject: string | null;
  /** The platform's identity binding, when the certificate carries one. */
  signerBinding: ReturnType<typeof x509Extensions.readSignerBinding> | null;
  /** Claimed time (/M), not proven. */
  signingTime: Date | null;
  /** Proven time: genTime of the signature timestamp (or of the document timestamp). */
  timestampTime: Date | null;
  timestamp: TimestampVerification['status'] | 'missing';
  /** Certificate subjects from the signer up to the root. */
  chain: string[];
  chainStatus: ChainValidation['status'];
  /**
   * Revocation data found for the signer's certificate (in the DSS or given): an OCSP response about
   * it, else a CRL from its issuer, else none. Found, not checked: the OCSP response's signature is
   * not verified here (CRLs are, by the chain validation).
   */
  revocation: 'ocsp' | 'crl' | 'none';
  /** [offset1, length1, offset2, length2] as written. */
  byteRange: [number, number, number, number];
  /** Where the signed revision ends (offset2 + length2). */
  revisionEnd: number;
  coversWholeDocument: boolean;
  /**
   * 'valid' only when the byte range is well formed AND the bytes are unchanged AND the signature (or
   * timestamp token) verifies. A one-byte change anywhere in the signed revision is 'digest-mismatch'.
   */
  integrity: CmsIntegrity | 'bad-byte-range' | 'imprint-mismatch' | 'not-a-timestamp';
  problems: string[];
}

/**
 * Verify every signature in a PDF, independently of the library that made it: find the signature
 * dictionaries in the raw bytes, check each ByteRange is [0, hole, after-hole, to the end of a
 * revision] with the hole being exactly its own /Contents, verify the CMS against those bytes, the
 * signature timestamp against the signature value, and the certificate chains against `trustedRoots`
 * (at the timestamp's time, with the CRLs from the DSS and `crls`). Matches pdfsig's "Signature is
 * Valid" / "Digest Mismatch" verdicts, and also checks what pdfsig cannot: timestamps, document
 * timestamps (pdfsig 22.12: "Unimplemented Feature") and our trust anchors.
 *
 * Not checked: whether later incremental updates are "allowed changes" (DocMDP/shadow attacks); a
 * signature that does not cover the whole document is reported with `coversWholeDocument: false`.
 */
export async function verifyPdfSignatures({
  pdf,
  trustedRoots = [],
  crls = [],
  now = new Date(),
}: {
  pdf: Uint8Array;
  trustedRoots?: (Uint8Array | string)[];
  /** Extra DER CRLs (the DSS's are always used). */
  crls?: Uint8Array[];
  now?: Date;
}): Promise<PdfSignatureReport[]> {
  const roots = trustedRoots.map((r) => pkiEncoding.certificate(r));
  const structure = readSignatureStructure(pdf);
  const allCrls = [...crls, ...structure.crls].flatMap((der) => {
    try {
      return [new pkijs.CertificateRevocationList({ schema: pkiEncoding.parseDer(der, 'CRL') })];
    } catch {
      return [];
    }
  });
  const ocsps = structure.ocsps
    .map(readOcspResponse)
    .filter((r) => r.status === 'successful')
    .flatMap((r) => r.responses);
  const reports: PdfSignatureReport[] = [];
  for (const [i, dict] of findSignatureDictionaries(pdf).entries()) {
    reports.push(
      await verifyOne({
        pdf,
        dict,
        index: i + 1,
        field: dict.objectNumber === null ? null : (structure.fields.get(dict.objectNumber) ?? null),
        pool: structure.certificates,
        roots,
        crls: allCrls,
        ocsps,
        now,
      }),
    );
  }
  return reports;
}

async function verifyOne({
  pdf,
  dict,
  index,
  field,
  pool,
  roots,
  crls,
  ocsps,
  now,
}: {
  pdf: Uint8Array;
  dict: RawSignatureDictionary;
  index: number;
  field: string | null;
  pool: pkijs.Certificate[];
  roots: pkijs.Certificate[];
  crls: pkijs.CertificateRevocationList[];
  ocsps: OcspSingleStatus[];
  now: Date;
}): Promise<PdfSignatureReport> {
  const [o1, l1, o2, l2] = dict.byteRange;
  const revisionEnd = o2 + l2;
  const isDocTimestamp = dict.subFilter === 'ETSI.RFC3161' || dict.type === 'DocTimeStamp';
  const report: PdfSignatureReport = {
    index,
    field,
    kind: isDocTimestamp ? 'document-timestamp' : 'signature',
    subFilter: dict.subFilter,
    signer: null,
    signerSubject: null,
    signerBinding: null,
    signingTime: parsePdfDate(dict.m),
    timestampTime: null,
    timestamp: 'missing',
    chain: [],
    chainStatus: 'untrusted',
    revocation: 'none',
    byteRange: dict.byteRange,
    revisionEnd,
    coversWholeDocument: o1 === 0 && revisionEnd === pdf.length,
    integrity: 'bad-byte-range',
    problems: [...dict.problems],
  };
  const tail = Buffer.from(pdf.subarray(Math.max(0, revisionEnd - 8), revisionEnd)).toString('latin1');
  if (o1 !== 0) report.problems.push('ByteRange does not start at the beginning of the file');
  if (revisionEnd > pdf.length) report.problems.push('ByteRange runs past the end of the file');
  else if (!/%%EOF\s*$/.test(tail)) report.problems.push('ByteRange does not end at the end of a revision');
  if (report.problems.length > 0) return report;

  const signed = [pdf.subarray(o1, o1 + l1), pdf.subarray(o2, revisionEnd)];
  const contents = pkiEncoding.stripPadding(dict.contents);
  // The last signature's /Contents is covered by no digest at all: anything but zero padding after
  // its DER would be a change to the file that no check notices.
  if (dict.contents.subarray(contents.length).some((b) => b !== 0)) {
    report.problems.push('/Contents holds bytes after the signature that are not zero padding');
    return report;
  }
  let signer: pkijs.Certificate | null;
  let certificates: pkijs.Certificate[];
  let chainAt = now;
  if (isDocTimestamp) {
    const ts = verifyTimestampToken({ token: contents, data: signed });
    report.integrity = ts.status === 'valid' ? 'valid' : ts.status;
    report.timestamp = ts.status;
    report.timestampTime = ts.genTime;
    report.problems.push(...ts.problems);
    ({ tsa: signer, certificates } = ts);
  } else {
    const cms = verifyCmsSignature({ cms: contents, content: signed });
    report.integrity = cms.integrity;
    report.problems.push(...cms.problems);
    ({ signer, certificates } = cms);
    const token = cms.signerInfo?.unsignedAttrs?.attributes.find(
      (a) => a.type === PKI_OIDS.signatureTimeStampToken,
    )?.values[0];
    if (token && cms.signatureValue) {
      const ts = verifyTimestampToken({
        token: new Uint8Array(token.toBER(false)),
        data: [cms.signatureValue],
      });
      report.timestamp = ts.status;
      report.timestampTime = ts.genTime;
      report.problems.push(...ts.problems.map((p) => `timestamp: ${p}`));
      if (ts.status === 'valid' && ts.genTime && ts.tsa) {
        chainAt = ts.genTime;
        const tsaChain = await validateCertificateChain({
          certificate: ts.tsa,
          pool: [...ts.certificates, ...pool],
          trustedRoots: roots,
          crls,
          at: ts.genTime,
        });
        if (tsaChain.status !== 'valid')
          report.problems.push(`timestamp authority chain: ${tsaChain.message}`);
      }
      if (
        report.signingTime &&
        ts.genTime &&
        report.signingTime.getTime() > ts.genTime.getTime() + 5 * 60_000
      )
        report.problems.push('claimed signing time is after the timestamp');
    }
  }
  if (signer) {
    report.signer = x509Name.get(signer.subject, 'CN') ?? null;
    report.signerSubject = x509Name.format(signer.subject);
    report.signerBinding = x509Extensions.readSignerBinding(signer) ?? null;
    const chain = await validateCertificateChain({
      certificate: signer,
      pool: [...certificates, ...pool],
      trustedRoots: roots,
      crls,
      at: chainAt,
    });
    const ocsp = ocsps.find((o) => isAbout(o, signer));
    report.revocation = ocsp ? 'ocsp' : crls.some((c) => c.issuer.isEqual(signer.issuer)) ? 'crl' : 'none';
    if (ocsp?.status === 'revoked') report.problems.push('OCSP: the signer certificate is revoked');
    report.chain = chain.subjects;
    report.chainStatus = chain.status;
    if (chain.status !== 'valid' && roots.length > 0)
      report.problems.push(`certificate chain: ${chain.message}`);
  }
  return report;
}

const HASH_NAMES: Record<string, string> = {
  [PKI_OIDS.sha1]: 'sha1',
  [PKI_OIDS.sha256]: 'sha256',
  [PKI_OIDS.sha384]: 'sha384',
  [PKI_OIDS.sha512]: 'sha512',
};

/** Whether an OCSP single response names `cert` (serial, and its issuer's name hash). */
function isAbout(status: OcspSingleStatus, cert: pkijs.Certificate): boolean {
  const hash = HASH_NAMES[status.hashAlgorithm];
  if (hash === undefined || status.serial !== pkiEncoding.serialHex(cert)) return false;
  const issuerName = new Uint8Array(cert.issuer.toSchema().toBER(false));
  return createHash(hash).update(issuerName).digest().equals(status.issuerNameHash);
}

/** D:YYYYMMDDHHmmSS(Z|+HH'mm'|-HH'mm') → Date (missing parts default as ISO 32000 says). */
function parsePdfDate(s: string | null): Date | null {
  const m = s && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-])?(\d{2})?'?(\d{2})?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const offset = sign === '+' || sign === '-' ? (Number(oh) * 60 + Number(om)) * (sign === '+' ? 1 : -1) : 0;
  return new Date(utc - offset * 60_000);
}
