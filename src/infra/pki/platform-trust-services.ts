import type { TrustServices } from '../../features/trust/trust-services.port';
import type { PlatformPki } from './load-platform-pki';
import { pkiEncoding } from './pki-encoding';

/**
 * The trust services over the platform PKI. The issuing CA's CRL is signed at most once per
 * `crlCacheMs` (a public endpoint should not cost a signature per request; the CRL is valid a day).
 * The timestamp authority is offered only when `isTimestampingPublic`: a public TSA timestamps
 * anyone's data under the bank's name, which is a policy decision, not a default.
 */
export function createPlatformTrustServices({
  pki,
  isTimestampingPublic = false,
  crlCacheMs = 60_000,
  clock = () => new Date(),
}: {
  pki: PlatformPki;
  isTimestampingPublic?: boolean;
  crlCacheMs?: number;
  clock?: () => Date;
}): TrustServices {
  const root = pkiEncoding.der(pki.ca.root);
  const issuing = pkiEncoding.der(pki.ca.issuing);
  let cached: { crl: Promise<Buffer>; until: number } | undefined;
  return {
    rootCertificateDer: () => root,
    issuingCertificateDer: () => issuing,
    rootCrl: () => pki.rootCrl,
    issuingCrl: () => {
      const now = clock().getTime();
      if (!cached || cached.until <= now) {
        const crl = pki.ca.createCrl();
        cached = { crl, until: now + crlCacheMs };
        void crl.catch(() => (cached = undefined));
      }
      return cached.crl;
    },
    ocsp: (requestDer) => pki.ocsp(requestDer),
    ...(isTimestampingPublic ? { timestamp: (queryDer: Uint8Array) => pki.tsa.respond(queryDer) } : {}),
  };
}
