import { createHash } from 'node:crypto';
import { PDF, PdfDict, PdfName, PdfNumber, PdfString } from '@libpdf/core';
import type * as pkijs from 'pkijs';
import { buildSignedData } from './build-signed-data';
import { writeDocumentSecurityStore } from './document-security-store';
import type { KeyRef, KeyStore } from './key-store';
import { pdfSignatureSlot, SlotTooSmallError } from './pdf-signature-slot';
import { pkiEncoding } from './pki-encoding';
import { PKI_OIDS } from './pki-oids';
import { drawSignatureAppearance, type SignatureAppearance } from './signature-appearance';
import { x509Name } from './x509-name';

/** Who signs: a key in the key store, its certificate and the chain up to (and including) the root. */
export interface PadesSigner {
  keyRef: KeyRef;
  certificate: pkijs.Certificate;
  chain: pkijs.Certificate[];
}

/** Source of RFC 3161 tokens over a SHA-256 imprint ({@link PlatformTimestampAuthority} is one). */
export interface TimestampTokenSource {
  token(messageImprint: Uint8Array): Promise<Buffer>;
}

/**
 * Sign one EXISTING, empty, named signature field as PAdES baseline B-T, appended as an incremental
 * update so every earlier signature stays valid.
 *
 * - SubFilter ETSI.CAdES.detached, SHA-256; signed attributes content-type, message-digest and
 *   signing-certificate-v2, and no signing-time (PAdES: the claimed time is the dictionary's /M);
 * - the signature-time-stamp unsigned attribute holds a token from `tsa` over SHA-256 of the signature
 *   value, which proves the signature existed at that time (B-T);
 * - the CMS carries the signer certificate and its whole chain;
 * - the field's widget gets a visible appearance (name, time, optional seal) in the same revision.
 *
 * Why not `@libpdf/core`'s `sign()`: it always writes a signing-time attribute and turns the field
 * into an invisible 0×0 widget on page 1, which loses the prepared signature box. So @libpdf/core is
 * used for what it does well — parsing, the object model and the incremental writer — and the
 * signature dictionary, appearance and CMS are built here (CMS with pkijs, keys via the key store).
 */
export async function signPdfField({
  pdf,
  fieldName,
  signer,
  keyStore,
  tsa,
  reason,
  location,
  signingTime,
  appearance,
  contentsBytes,
}: {
  pdf: Uint8Array;
  fieldName: string;
  signer: PadesSigner;
  keyStore: KeyStore;
  tsa: TimestampTokenSource;
  reason?: string;
  location?: string;
  signingTime: Date;
  /** Defaults to the signer's CN, the time (UTC) and the reason. */
  appearance?: Partial<SignatureAppearance>;
  /** Bytes reserved for the CMS; estimated from the certificates when omitted. */
  contentsBytes?: number;
}): Promise<Buffer> {
  const certificates = [signer.certificate, ...signer.chain];
  const estimate = roundUp(2 * certificates.reduce((n, c) => n + pkiEncoding.der(c).length, 0) + 3072, 1024);
  const attempt = async (size: number) => {
    const doc = await PDF.load(pdf);
    const field = doc.getForm()?.getSignatureField(fieldName);
    if (!field) throw new Error(`no signature field named ${fieldName}`);
    if (field.isSigned()) throw new Error(`signature field ${fieldName} is already signed`);
    const signerName = x509Name.get(signer.certificate.subject, 'CN') ?? 'unknown';

    const sigDict = PdfDict.of({
      Type: PdfName.of('Sig'),
      Filter: PdfName.of('Adobe.PPKLite'),
      SubFilter: PdfName.of('ETSI.CAdES.detached'),
      ...pdfSignatureSlot.placeholders(size),
      M: PdfString.fromString(pdfDate(signingTime)),
      Name: PdfString.fromString(signerName),
    });
    if (reason) sigDict.set('Reason', PdfString.fromString(reason));
    if (location) sigDict.set('Location', PdfString.fromString(location));
    field.getDict().set('V', doc.register(sigDict));

    const widget = field.getWidgets()[0]?.dict;
    if (widget) {
      widget.set('F', PdfNumber.of(4)); // printable; visible
      drawSignatureAppearance(doc, widget, {
        lines: appearance?.lines ?? [
          `Signed by: ${signerName}`,
          `Time: ${signingTime
            .toISOString()
            .replace('T', ' ')
            .replace(/\.\d+Z$/, ' UTC')}`,
          ...(reason ? [`Reason: ${reason}`] : []),
        ],
        ...(appearance?.seal ? { seal: appearance.seal } : {}),
        ...(appearance?.font ? { font: appearance.font } : {}),
      });
    }
    const acroForm = doc.getForm()?.acroForm().getDict();
    if (acroForm && acroForm.getNumber('SigFlags')?.value !== 3) acroForm.set('SigFlags', PdfNumber.of(3));

    const file = await doc.save({ incremental: true, subsetFonts: true });
    if (Buffer.compare(Buffer.from(file.subarray(0, pdf.length)), Buffer.from(pdf)) !== 0)
      throw new Error('the PDF library rewrote earlier revisions; refusing to sign');
    const slot = pdfSignatureSlot.prepare(file, pdf.length, size);
    const { der } = await buildSignedData({
      keyStore,
      key: signer.keyRef,
      signer: signer.certificate,
      certificates,
      contentDigest: slot.digest,
      unsignedAttributes: async (signatureValue) => {
        const token = await tsa.token(createHash('sha256').update(signatureValue).digest());
        return [{ type: PKI_OIDS.signatureTimeStampToken, values: [token] }];
      },
    });
    pdfSignatureSlot.fill(file, slot.holeStart, slot.holeEnd, der);
    return Buffer.from(file);
  };
  const size = contentsBytes ?? estimate;
  try {
    return await attempt(size);
  } catch (e) {
    if (!(e instanceof SlotTooSmallError)) throw e;
    return attempt(roundUp(e.needed + 512, 1024));
  }
}

/**
 * Finish a fully signed contract as PAdES B-LTA, in two more incremental updates:
 *
 * 1. a Document Security Store with every certificate (each signature's chain, its timestamp
 *    authority's chain, and `chain`), the CRLs and the OCSP responses, plus a VRI entry per signature
 *    — so the document validates offline after the short-lived certificates expire (B-LT);
 * 2. a document timestamp (`/Type /DocTimeStamp`, SubFilter ETSI.RFC3161) over everything, from `tsa`
 *    (B-LTA). This step uses @libpdf/core's `addTimestamp`, which takes any timestamp source.
 */
export async function finishLtv({
  pdf,
  chain,
  crls,
  ocsps = [],
  tsa,
  timestampField = 'doc_timestamp',
}: {
  pdf: Uint8Array;
  /** Certificates every verifier needs (the platform CA chain). */
  chain: pkijs.Certificate[];
  /** DER CRLs covering every certificate (the issuing CA's and the root's). */
  crls: Uint8Array[];
  /** DER OCSPResponses for the end-entity certificates (signers, seal, TSA), into DSS /OCSPs. */
  ocsps?: Uint8Array[];
  tsa: TimestampTokenSource;
  timestampField?: string;
}): Promise<Buffer> {
  const doc = await PDF.load(pdf);
  const signatures = (doc.getForm()?.getSignatureFields() ?? [])
    .map((f) => f.getSignatureDict()?.get('Contents'))
    .filter((c): c is PdfString => c instanceof PdfString);
  if (signatures.length === 0) throw new Error('nothing to finish: the document has no signatures');

  writeDocumentSecurityStore(doc, {
    signatures: signatures.map((c) => c.bytes),
    extra: chain.map((c) => pkiEncoding.der(c)),
    crls,
    ocsps,
  });
  // The DSS and the document timestamp go into one incremental update: the timestamp covers the
  // whole file but its own /Contents, so the DSS written in the same revision is covered too.
  const { bytes } = await doc.addTimestamp({
    timestampAuthority: { timestamp: (digest) => tsa.token(digest) },
    fieldName: timestampField,
    estimatedSize: 8192,
  });
  return Buffer.from(bytes);
}

/** ISO 32000 date string in UTC: D:YYYYMMDDHHmmSSZ. */
function pdfDate(d: Date): string {
  return `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
