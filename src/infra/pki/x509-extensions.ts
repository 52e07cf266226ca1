import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';

/** RFC 5280 KeyUsage bits, numbered as in the standard (bit 0 = most significant bit of byte 0). */
const KEY_USAGE_BIT = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

function extension(
  extnID: string,
  critical: boolean,
  value: asn1js.AsnType | { toSchema(): asn1js.AsnType },
) {
  const schema = 'toSchema' in value ? value.toSchema() : value;
  return new pkijs.Extension({ extnID, critical, extnValue: schema.toBER(false) });
}

/**
 * The certificate and CRL extensions the platform CA writes, one builder each, so the profiles in
 * {@link PlatformCa} read as a list of decisions rather than ASN.1.
 */
export const x509Extensions = {
  basicConstraints(isCa: boolean, pathLength?: number): pkijs.Extension {
    const bc = new pkijs.BasicConstraints(
      isCa ? { cA: true, ...(pathLength === undefined ? {} : { pathLenConstraint: pathLength }) } : {},
    );
    return extension('2.5.29.19', true, bc);
  },

  /** Critical KeyUsage with the given bits, encoded with the minimal number of unused bits (DER). */
  keyUsage(...usages: (keyof typeof KEY_USAGE_BIT)[]): pkijs.Extension {
    const bits = usages.map((u) => KEY_USAGE_BIT[u]);
    const highest = Math.max(...bits);
    const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
    for (const b of bits) bytes[b >> 3] = (bytes[b >> 3] ?? 0) | (0x80 >> (b & 7));
    const unusedBits = 7 - (highest % 8);
    return extension('2.5.29.15', true, new asn1js.BitString({ valueHex: bytes, unusedBits }));
  },

  extendedKeyUsage(purposes: string[], critical = false): pkijs.Extension {
    return extension('2.5.29.37', critical, new pkijs.ExtKeyUsage({ keyPurposes: purposes }));
  },

  /** SubjectKeyIdentifier: SHA-1 of the subjectPublicKey BIT STRING (RFC 5280 §4.2.1.2 method 1). */
  subjectKeyIdentifier(spki: pkijs.PublicKeyInfo): pkijs.Extension {
    return extension('2.5.29.14', false, new asn1js.OctetString({ valueHex: keyIdentifier(spki) }));
  },

  authorityKeyIdentifier(issuerSpki: pkijs.PublicKeyInfo): pkijs.Extension {
    const aki = new pkijs.AuthorityKeyIdentifier({
      keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(issuerSpki) }),
    });
    return extension('2.5.29.35', false, aki);
  },

  crlDistributionPoint(url: string): pkijs.Extension {
    const dp = new pkijs.CRLDistributionPoints({
      distributionPoints: [
        new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: url })] }),
      ],
    });
    return extension('2.5.29.31', false, dp);
  },

  /**
   * AuthorityInfoAccess (RFC 5280 §4.2.2.1): where a relying party asks for the certificate's status
   * (OCSP) and fetches its issuer's certificate (caIssuers). Non-critical.
   */
  authorityInfoAccess({ ocsp, caIssuers }: { ocsp?: string; caIssuers?: string }): pkijs.Extension {
    const uri = (value: string) => new pkijs.GeneralName({ type: 6, value });
    const accessDescriptions = [
      ...(ocsp
        ? [new pkijs.AccessDescription({ accessMethod: PKI_OIDS.accessOcsp, accessLocation: uri(ocsp) })]
        : []),
      ...(caIssuers
        ? [
            new pkijs.AccessDescription({
              accessMethod: PKI_OIDS.accessCaIssuers,
              accessLocation: uri(caIssuers),
            }),
          ]
        : []),
    ];
    return extension('1.3.6.1.5.5.7.1.1', false, new pkijs.InfoAccess({ accessDescriptions }));
  },

  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): the value is NULL; non-critical. */
  ocspNoCheck(): pkijs.Extension {
    return extension(PKI_OIDS.ocspNoCheck, false, new asn1js.Null());
  },

  certificatePolicy(oid: string): pkijs.Extension {
    const policies = new pkijs.CertificatePolicies({
      certificatePolicies: [new pkijs.PolicyInformation({ policyIdentifier: oid })],
    });
    return extension('2.5.29.32', false, policies);
  },

  /**
   * The platform's identity binding: ID-number commitment, application id and role, so a relying
   * party can tie the certificate to the verified identity record without the certificate ever
   * carrying the ID number itself. Non-critical: other verifiers may ignore it.
   */
  signerBinding({
    idNumberCommitment,
    applicationId,
    role,
  }: {
    idNumberCommitment: Buffer;
    applicationId: string;
    role: string;
  }): pkijs.Extension {
    return extension(
      PKI_OIDS.signerBindingExtension,
      false,
      new asn1js.Sequence({
        value: [
          new asn1js.OctetString({ valueHex: pkiEncoding.arrayBuffer(idNumberCommitment) }),
          new asn1js.Utf8String({ value: applicationId }),
          new asn1js.Utf8String({ value: role }),
        ],
      }),
    );
  },

  /** Read back {@link x509Extensions.signerBinding} from a certificate, if it has one. */
  readSignerBinding(
    cert: pkijs.Certificate,
  ): { idNumberCommitment: string; applicationId: string; role: string } | undefined {
    const ext = cert.extensions?.find((e) => pkiEncoding.sameOid(e.extnID, PKI_OIDS.signerBindingExtension));
    if (!ext) return undefined;
    const seq = pkiEncoding.parseDer(ext.extnValue.valueBlock.valueHexView, 'signer binding');
    if (!(seq instanceof asn1js.Sequence)) return undefined;
    const [commitment, applicationId, role] = seq.valueBlock.value;
    if (
      !(commitment instanceof asn1js.OctetString) ||
      !(applicationId instanceof asn1js.Utf8String) ||
      !(role instanceof asn1js.Utf8String)
    )
      return undefined;
    return {
      idNumberCommitment: Buffer.from(commitment.valueBlock.valueHexView).toString('hex'),
      applicationId: applicationId.valueBlock.value,
      role: role.valueBlock.value,
    };
  },

  crlNumber(n: bigint): pkijs.Extension {
    return extension('2.5.29.20', false, asn1js.Integer.fromBigInt(n));
  },
};

function keyIdentifier(spki: pkijs.PublicKeyInfo): Buffer {
  return createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest();
}
