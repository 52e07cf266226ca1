import type * as pkijs from 'pkijs';
import { cmsCertificates } from './cms-certificates';
import { findSignatureDictionaries } from './find-signature-dictionaries';
import { pkiEncoding } from './pki-encoding';

/**
 * Every certificate carried by the signatures and document timestamps of a PDF — signers, seals and
 * the timestamp authorities of their tokens, with their chains — once each, found by the same raw
 * scan the verifier uses. A signature whose CMS cannot be read contributes nothing.
 */
export function signatureCertificates(pdf: Uint8Array): pkijs.Certificate[] {
  const seen = new Set<string>();
  const out: pkijs.Certificate[] = [];
  for (const dict of findSignatureDictionaries(pdf)) {
    let ders: Buffer[];
    try {
      ders = cmsCertificates(pkiEncoding.stripPadding(dict.contents));
    } catch {
      continue;
    }
    for (const der of ders) {
      const key = der.toString('base64');
      if (seen.has(key)) continue;
      seen.add(key);
      try {
        out.push(pkiEncoding.certificate(der));
      } catch {
        // not a certificate we can parse: nothing to ask OCSP about
      }
    }
  }
  return out;
}
