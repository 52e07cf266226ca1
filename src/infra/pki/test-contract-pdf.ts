import { PDFDocument, PDFString, StandardFonts } from 'pdf-lib';

/** Where a signature field sits on the signature page (PDF points, origin bottom-left). */
export interface SignatureFieldSpec {
  name: string;
  label: string;
  rect: [x: number, y: number, width: number, height: number];
}

/** The three parties of the test contract, laid out on one signature page. */
export const TEST_SIGNATURE_FIELDS: SignatureFieldSpec[] = [
  { name: 'sig_lender', label: 'Lender (bank seal)', rect: [50, 480, 240, 90] },
  { name: 'sig_borrower', label: 'Borrower', rect: [310, 480, 240, 90] },
  { name: 'sig_guarantor_1', label: 'Guarantor 1', rect: [50, 340, 240, 90] },
];

/**
 * A stand-in for the rendered contract: one page of text plus EMPTY named signature fields, made with
 * pdf-lib the way the document-preparation step will (every field exists before the first signature,
 * so no signature's revision later has to add form structure). pdf-lib has no high-level API for
 * signature fields, so each is a merged field/widget dictionary (`/FT /Sig`) registered in the page's
 * /Annots and the AcroForm's /Fields. Saved without object streams: a classic xref table, which
 * every incremental writer and pdfsig handle.
 */
export async function makeTestContractPdf({
  fields = TEST_SIGNATURE_FIELDS,
}: { fields?: SignatureFieldSpec[] } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Loan contract (test)');
  // Fixed dates so the unsigned document is byte-for-byte reproducible.
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText('Personal loan contract No. TEST-0001', { x: 50, y: 780, size: 16, font });
  const lines = [
    'Principal: CNY 100,000.00   Term: 36 months   Annual rate: 4.35%',
    'The borrower and guarantor have read and agree to all terms above.',
  ];
  lines.forEach((text, i) => page.drawText(text, { x: 50, y: 740 - i * 18, size: 10, font }));
  const form = doc.getForm();
  for (const { name, label, rect } of fields) {
    const [x, y, w, h] = rect;
    page.drawText(label, { x, y: y + h + 6, size: 9, font });
    const widget = doc.context.obj({
      Type: 'Annot',
      Subtype: 'Widget',
      FT: 'Sig',
      T: PDFString.of(name),
      Rect: [x, y, x + w, y + h],
      F: 4,
      P: page.ref,
    });
    const ref = doc.context.register(widget);
    page.node.addAnnot(ref);
    form.acroForm.addField(ref);
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
