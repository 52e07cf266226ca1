import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningKeyAlgorithm } from './key-store';
import { PKI_OIDS } from './pki-oids';

/**
 * The AlgorithmIdentifier a {@link KeyStore} signature is labelled with in certificates, CRLs and
 * CMS: ecdsa-with-SHA256 (parameters absent, RFC 5758) or sha256WithRSAEncryption (parameters NULL,
 * RFC 4055). Always SHA-256: it is what PAdES baseline requires and what every verifier accepts.
 */
export function signatureAlgorithm(algorithm: SigningKeyAlgorithm): pkijs.AlgorithmIdentifier {
  return algorithm === 'ECDSA-P256'
    ? new pkijs.AlgorithmIdentifier({ algorithmId: PKI_OIDS.ecdsaWithSha256 })
    : new pkijs.AlgorithmIdentifier({
        algorithmId: PKI_OIDS.sha256WithRsa,
        algorithmParams: new asn1js.Null(),
      });
}

/** The SHA-256 AlgorithmIdentifier (parameters absent, as RFC 5754 prefers). */
export function sha256Algorithm(): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: PKI_OIDS.sha256 });
}
