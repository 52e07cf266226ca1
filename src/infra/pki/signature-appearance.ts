import { PdfArray, PdfDict, PdfName, PdfNumber, type PDF, type PdfRef } from '@libpdf/core';

/** What a signature field shows on the page once signed. */
export interface SignatureAppearance {
  /** Text lines, top to bottom (e.g. signer name, time, reason). */
  lines: string[];
  /** PNG or JPEG seal image (the bank's or an enterprise's 公章), drawn on the right. */
  seal?: Uint8Array;
  /**
   * TrueType/OpenType font for the text. Without it the text uses Helvetica (WinAnsi), which cannot
   * show Chinese; production passes a CJK TrueType font (subset to the glyphs used when the signature
   * is saved). @libpdf/core cannot read TrueType collections (.ttc), so pass a single face.
   */
  font?: Uint8Array;
}

const FONT_SIZE = 8;
const LEADING = 10;
const PADDING = 4;

/**
 * Give a signature widget its visible appearance: a bordered box with the text lines and, for the bank
 * and enterprises, the seal image. It is written into the SAME incremental update as the signature
 * (ISO 32000 allows a signature field's appearance to change when it is signed), so the signed
 * revision shows exactly what was signed and earlier signatures are untouched. Built from raw
 * operators on @libpdf/core objects because its signing API only makes invisible widgets.
 */
export function drawSignatureAppearance(pdf: PDF, widget: PdfDict, appearance: SignatureAppearance): void {
  const rect = widget.getArray('Rect');
  const [x1, y1, x2, y2] = [0, 1, 2, 3].map((i) => {
    const n = rect?.at(i);
    return n instanceof PdfNumber ? n.value : 0;
  }) as [number, number, number, number];
  const width = Math.abs(x2 - x1);
  const height = Math.abs(y2 - y1);
  if (width === 0 || height === 0) return; // invisible field: nothing to draw

  const resources = new PdfDict();
  const fonts = new PdfDict();
  const ops: string[] = [
    'q',
    '0.97 0.97 1 rg',
    `0 0 ${fmt(width)} ${fmt(height)} re f`,
    '0.2 0.3 0.6 RG 0.8 w',
    `0.4 0.4 ${fmt(width - 0.8)} ${fmt(height - 0.8)} re S`,
    'Q',
  ];

  let textWidth = width - 2 * PADDING;
  if (appearance.seal) {
    const image = pdf.embedImage(appearance.seal);
    const side = Math.min(height - 2 * PADDING, width / 3);
    const scale = Math.min(side / image.width, side / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    const sx = width - PADDING - w;
    const sy = (height - h) / 2;
    resources.set('XObject', PdfDict.of({ Seal: image.ref }));
    ops.push('q', `${fmt(w)} 0 0 ${fmt(h)} ${fmt(sx)} ${fmt(sy)} cm`, '/Seal Do', 'Q');
    textWidth -= w + PADDING;
  }

  const encode = fontEncoder(pdf, appearance.font, fonts);
  ops.push(
    'q',
    `${PADDING} ${PADDING} ${fmt(textWidth)} ${fmt(height - 2 * PADDING)} re W n`,
    'BT',
    '0.1 0.1 0.2 rg',
  );
  ops.push(`/F1 ${FONT_SIZE} Tf`, `${PADDING + 1} ${fmt(height - PADDING - FONT_SIZE)} Td`, `${LEADING} TL`);
  appearance.lines.forEach((line, i) => ops.push(`${i === 0 ? '' : 'T* '}${encode(line)} Tj`));
  ops.push('ET', 'Q');
  resources.set('Font', fonts);

  const stream = pdf.createStream(
    {
      Type: PdfName.of('XObject'),
      Subtype: PdfName.of('Form'),
      BBox: new PdfArray([0, 0, width, height].map((n) => PdfNumber.of(n))),
      Resources: resources,
    },
    new TextEncoder().encode(ops.join('\n')),
  );
  widget.set('AP', PdfDict.of({ N: stream }));
}

/** Register /F1 and return a function turning text into a PDF string operand for it. */
function fontEncoder(pdf: PDF, fontBytes: Uint8Array | undefined, fonts: PdfDict): (text: string) => string {
  if (fontBytes) {
    const font = pdf.embedFont(fontBytes);
    const ref: PdfRef = font.ref;
    fonts.set('F1', ref);
    // Identity-H with CIDToGIDMap /Identity: the string holds glyph ids.
    return (text) =>
      `<${font
        .encodeTextToGids(text)
        .map((g) => g.toString(16).padStart(4, '0'))
        .join('')}>`;
  }
  fonts.set(
    'F1',
    PdfDict.of({
      Type: PdfName.of('Font'),
      Subtype: PdfName.of('Type1'),
      BaseFont: PdfName.of('Helvetica'),
      Encoding: PdfName.of('WinAnsiEncoding'),
    }),
  );
  return (text) => {
    // Latin-1 maps to WinAnsi for everything we print; anything else becomes '?'.
    const bytes = [...text].map((ch) => {
      const c = ch.codePointAt(0) ?? 63;
      return c >= 32 && c <= 255 && !(c >= 127 && c < 160) ? c : 63;
    });
    return `<${Buffer.from(bytes).toString('hex')}>`;
  };
}

function fmt(n: number): string {
  return Number(n.toFixed(2)).toString();
}
