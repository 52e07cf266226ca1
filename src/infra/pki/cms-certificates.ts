import * as asn1js from 'asn1js';
import { derReader, type DerElement } from './der-reader';
import { PKI_OIDS } from './pki-oids';

const TOKEN_OID = Buffer.from(
  new asn1js.ObjectIdentifier({ value: PKI_OIDS.signatureTimeStampToken }).toBER(false),
);

/**
 * Every certificate (DER) carried by a CMS SignedData — a PAdES signature or a timestamp token — and
 * by the signature-timestamp tokens in its unsigned attributes: what the DSS must hold so the
 * signature can be validated offline. Zero padding after the CMS (PDF /Contents) is ignored.
 */
export function cmsCertificates(cms: Uint8Array): Buffer[] {
  const info = derReader.element(cms, 0);
  const [, explicit] = derReader.children(cms, info);
  if (!explicit || explicit.tag !== 0xa0) throw new Error('CMS: not a ContentInfo with content');
  const [signedData] = derReader.children(cms, explicit);
  if (!signedData) throw new Error('CMS: empty content');
  const parts = derReader.children(cms, signedData);
  const certs = parts.find((p) => p.tag === 0xa0);
  const out = certs
    ? derReader
        .children(cms, certs)
        .filter((c) => c.tag === 0x30)
        .map((c) => derReader.bytes(cms, c))
    : [];
  const signerInfos = parts.at(-1);
  for (const info of signerInfos?.tag === 0x31 ? derReader.children(cms, signerInfos) : [])
    for (const token of timestampTokens(cms, info)) out.push(...cmsCertificates(token));
  return out;
}

function timestampTokens(cms: Uint8Array, signerInfo: DerElement): Buffer[] {
  const unsigned = derReader.children(cms, signerInfo).find((p) => p.tag === 0xa1);
  if (!unsigned) return [];
  return derReader.children(cms, unsigned).flatMap((attr) => {
    const [type, values] = derReader.children(cms, attr);
    if (!type || !values || !derReader.bytes(cms, type).equals(TOKEN_OID)) return [];
    return derReader.children(cms, values).map((v) => derReader.bytes(cms, v));
  });
}
