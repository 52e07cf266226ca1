import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import { verifyCmsSignature, type CmsIntegrity } from './verify-cms-signature';

/** Outcome of checking an RFC 3161 token against the data it should cover. */
export interface TimestampVerification {
  status: CmsIntegrity | 'imprint-mismatch' | 'not-a-timestamp';
  genTime: Date | null;
  tsa: pkijs.Certificate | null;
  certificates: pkijs.Certificate[];
  problems: string[];
}

const HASHES: Record<string, string> = {
  [PKI_OIDS.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/**
 * Verify a TimeStampToken (RFC 3161 §2.4.2): its CMS signature (see {@link verifyCmsSignature}),
 * that the content is a TSTInfo whose message imprint equals the hash of `data` (a signature value
 * for a B-T signature timestamp; the signed byte ranges for a document timestamp), and that the
 * signing certificate is a timestamping certificate. Returns genTime for the caller to validate the
 * chains at. The chain itself is checked by the caller, against its trust anchors.
 */
export function verifyTimestampToken({
  token,
  data,
}: {
  token: Uint8Array;
  data: Uint8Array[];
}): TimestampVerification {
  const cms = verifyCmsSignature({ cms: token });
  const result: TimestampVerification = {
    status: cms.integrity,
    genTime: null,
    tsa: cms.signer,
    certificates: cms.certificates,
    problems: cms.problems,
  };
  if (cms.eContentType !== PKI_OIDS.tstInfo || !cms.eContent) {
    if (cms.integrity !== 'malformed') result.status = 'not-a-timestamp';
    return result;
  }
  let tstInfo: pkijs.TSTInfo;
  try {
    tstInfo = new pkijs.TSTInfo({ schema: pkiEncoding.parseDer(cms.eContent, 'TSTInfo') });
  } catch (e) {
    result.problems.push(`TSTInfo does not parse: ${(e as Error).message}`);
    result.status = 'malformed';
    return result;
  }
  result.genTime = tstInfo.genTime;
  const hash = HASHES[tstInfo.messageImprint.hashAlgorithm.algorithmId];
  const expected = hash ? data.reduce((h, d) => h.update(d), createHash(hash)).digest() : null;
  const imprint = Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView);
  if (!expected || !expected.equals(imprint)) {
    if (result.status === 'valid') result.status = 'imprint-mismatch';
    result.problems.push('timestamp imprint does not match the data it should cover');
  }
  const eku = cms.signer?.extensions?.find((e) => e.extnID === '2.5.29.37');
  const purposes = eku?.parsedValue instanceof pkijs.ExtKeyUsage ? eku.parsedValue.keyPurposes : [];
  if (!purposes.includes(PKI_OIDS.timeStamping))
    result.problems.push('TSA certificate lacks the timeStamping EKU');
  return result;
}
