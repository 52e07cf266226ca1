import * as pkijs from 'pkijs';
import { pkiEncoding } from './pki-encoding';
import { x509Name } from './x509-name';

/** Result of validating a certificate's chain at a point in time. */
export interface ChainValidation {
  status: 'valid' | 'untrusted' | 'expired' | 'revoked' | 'no-revocation-data' | 'invalid';
  /** Subjects from the certificate up to the last issuer found (the root when the chain is whole). */
  subjects: string[];
  message: string;
}

/**
 * Validate `certificate` to one of `trustedRoots` at time `at` (the timestamp's genTime for a B-T
 * signature, so short-lived signer certificates that have since expired still validate, as PAdES
 * intends), with pkijs's RFC 5280 path validation: signatures, validity periods, CA flags and path
 * length, and — when CRLs are given (from the DSS) — revocation for every non-root certificate.
 */
export async function validateCertificateChain({
  certificate,
  pool,
  trustedRoots,
  crls,
  at,
}: {
  certificate: pkijs.Certificate;
  /** Other certificates that may be intermediates (from the CMS and the DSS). */
  pool: pkijs.Certificate[];
  trustedRoots: pkijs.Certificate[];
  crls: pkijs.CertificateRevocationList[];
  at: Date;
}): Promise<ChainValidation> {
  const subjects = walk(certificate, [...pool, ...trustedRoots]).map((c) => x509Name.format(c.subject));
  if (trustedRoots.length === 0) return { status: 'untrusted', subjects, message: 'no trust anchors given' };
  // pkijs validates the LAST entry of `certs`, and its de-duplication may drop that entry when it also
  // occurs earlier, so pass a duplicate-free pool without the leaf. A root found in the document is no
  // anchor; only `trustedRoots` are.
  const seen = new Set([...trustedRoots, certificate].map((c) => pkiEncoding.der(c).toString('hex')));
  const intermediates = pool.filter((c) => {
    const key = pkiEncoding.der(c).toString('hex');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: trustedRoots,
    certs: [...intermediates, certificate],
    crls,
    checkDate: at,
  });
  try {
    const r = await engine.verify();
    if (r.result) return { status: 'valid', subjects, message: r.resultMessage };
    return { status: statusFor(r.resultCode, r.resultMessage), subjects, message: r.resultMessage };
  } catch (e) {
    const err = e as { code?: number; resultCode?: number; message?: string };
    const code = err.resultCode ?? err.code ?? -1;
    return { status: statusFor(code, err.message ?? ''), subjects, message: err.message ?? String(e) };
  }
}

function statusFor(code: number, message: string): ChainValidation['status'] {
  if (code === 8) return 'expired';
  if (code === 12 || /revoked/i.test(message)) return 'revoked';
  if (code === 11) return 'no-revocation-data';
  if (/no valid certificate paths|trusted/i.test(message)) return 'untrusted';
  return 'invalid';
}

/** Follow issuer names through `pool` (signature not checked: this is for display only). */
function walk(cert: pkijs.Certificate, pool: pkijs.Certificate[]): pkijs.Certificate[] {
  const path = [cert];
  let current = cert;
  while (path.length < 10 && !current.issuer.isEqual(current.subject)) {
    const issuer = pool.find((c) => c.subject.isEqual(current.issuer));
    if (!issuer || path.includes(issuer)) break;
    path.push(issuer);
    current = issuer;
  }
  return path;
}
