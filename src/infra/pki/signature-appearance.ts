import { PdfArray, PdfDict, PdfName, PdfNumber, PdfString, type PDF, type PdfRef } from '@libpdf/core';
import { appearanceHexString, appearanceTextWidth, type AppearanceFont } from './appearance-font';
import { sealOperators, type OrganisationSeal } from './bank-seal';

/** One line of an appearance, with its own size (points) and emphasis. */
export interface AppearanceLine {
  readonly text: string;
  /** Largest size; the line is shrunk to fit the box (8 when omitted). */
  readonly size?: number;
  /** Grey instead of ink: for secondary lines (the reason). */
  readonly isMuted?: boolean;
}

/** What a signature field shows on the page once signed. */
export interface SignatureAppearance {
  /** Text lines, top to bottom (e.g. role and name, "数字签名 / Digitally signed", time). */
  lines: readonly (string | AppearanceLine)[];
  /**
   * The seal, drawn on the right: a PNG or JPEG image (an enterprise's 公章), or an organisation seal
   * drawn as vectors (the bank's 合同专用章, bank-seal.ts).
   */
  seal?: Uint8Array | OrganisationSeal;
  /**
   * The font for the text. An {@link AppearanceFont} (appearance-font.ts: a subset of the contract's
   * CJK face with only the glyphs used, a few kilobytes, embedded here without parsing) is what the
   * signing path passes. TrueType bytes are embedded by @libpdf/core, which parses the whole face
   * (~150 ms for WenQuanYi Micro Hei) and cannot read collections (.ttc). Without a font the text is
   * Helvetica (WinAnsi), which cannot show Chinese.
   */
  font?: Uint8Array | AppearanceFont;
}

const FONT_SIZE = 8;
const MIN_FONT_SIZE = 4.5;
const LINE_GAP = 1.28; // line height as a multiple of the size
const PADDING = 4;

/**
 * Give a signature widget its visible appearance: a bordered box with the text lines and, for the bank
 * and enterprises, the seal. It is written into the SAME incremental update as the signature
 * (ISO 32000 allows a signature field's appearance to change when it is signed), so the signed
 * revision shows exactly what was signed and earlier signatures are untouched. Built from raw
 * operators on @libpdf/core objects because its signing API only makes invisible widgets. Each line is
 * shrunk to fit the width left by the seal (and cut with "…" below 4.5 pt); the block is centred
 * vertically.
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
  const font = fontFor(pdf, appearance.font, fonts);

  let textWidth = width - 2 * PADDING;
  const seal = appearance.seal;
  if (seal instanceof Uint8Array) {
    const image = pdf.embedImage(seal);
    const side = Math.min(height - 2 * PADDING, width / 3);
    const scale = Math.min(side / image.width, side / image.height);
    const [w, h] = [image.width * scale, image.height * scale];
    const sx = width - PADDING - w;
    const sy = (height - h) / 2;
    resources.set('XObject', PdfDict.of({ Seal: image.ref }));
    ops.push('q', `${fmt(w)} 0 0 ${fmt(h)} ${fmt(sx)} ${fmt(sy)} cm`, '/Seal Do', 'Q');
    textWidth -= w + PADDING;
  } else if (seal) {
    if (!font.subset) throw new Error('an organisation seal needs an AppearanceFont (appearance-font.ts)');
    const diameter = Math.min(height - 4, width * 0.45);
    ops.push(
      ...sealOperators({
        seal,
        font: font.subset,
        fontName: 'F1',
        cx: width - 2 - diameter / 2,
        cy: height / 2,
        diameter,
      }),
    );
    textWidth -= diameter + 2;
  }

  const lines = appearance.lines.map((line) =>
    fitLine(font, typeof line === 'string' ? { text: line } : line, textWidth),
  );
  const block = lines.reduce((h, l) => h + l.size * LINE_GAP, 0) - (lines.at(-1)?.size ?? 0) * (LINE_GAP - 1);
  let top = Math.min(height - PADDING, (height + block) / 2);
  ops.push('q', `${PADDING} ${PADDING} ${fmt(textWidth)} ${fmt(height - 2 * PADDING)} re W n`, 'BT');
  for (const line of lines) {
    const baseline = top - line.size * font.ascent;
    ops.push(
      line.isMuted ? '0.35 0.35 0.42 rg' : '0.1 0.1 0.2 rg',
      `/F1 ${fmt(line.size)} Tf`,
      `1 0 0 1 ${PADDING + 1} ${fmt(baseline)} Tm`,
      `${font.encode(line.text)} Tj`,
    );
    top -= line.size * LINE_GAP;
  }
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

interface FontUse {
  /** Set when the font is an appearance subset (the seal draws with it). */
  subset?: AppearanceFont;
  /** Distance from the top of a line to its baseline, per point of size. */
  ascent: number;
  encode(text: string): string;
  width(text: string, size: number): number;
}

/** Shrink a line to fit `maxWidth`; below the minimum size, cut it with an ellipsis. */
function fitLine(font: FontUse, line: AppearanceLine, maxWidth: number): Required<AppearanceLine> {
  const wanted = line.size ?? FONT_SIZE;
  const natural = font.width(line.text, 1);
  const size = natural === 0 ? wanted : Math.max(MIN_FONT_SIZE, Math.min(wanted, (maxWidth - 2) / natural));
  let text = line.text;
  if (font.width(text, size) > maxWidth - 2) {
    const chars = [...text];
    while (chars.length > 1 && font.width(`${chars.join('')}…`, size) > maxWidth - 2) chars.pop();
    text = `${chars.join('')}…`;
  }
  return { text, size, isMuted: line.isMuted ?? false };
}

/** Register /F1 and say how to encode and measure text in it. */
function fontFor(pdf: PDF, font: Uint8Array | AppearanceFont | undefined, fonts: PdfDict): FontUse {
  if (font && !(font instanceof Uint8Array)) {
    fonts.set('F1', embedAppearanceFont(pdf, font));
    return {
      subset: font,
      ascent: Math.min(1, font.ascent / 1000) * 0.85,
      encode: (text) => appearanceHexString(font, text),
      width: (text, size) => appearanceTextWidth(font, text, size),
    };
  }
  if (font) {
    const embedded = pdf.embedFont(font);
    const ref: PdfRef = embedded.ref;
    fonts.set('F1', ref);
    // Identity-H with CIDToGIDMap /Identity: the string holds glyph ids.
    return {
      ascent: 0.8,
      encode: (text) =>
        `<${embedded
          .encodeTextToGids(text)
          .map((g) => g.toString(16).padStart(4, '0'))
          .join('')}>`,
      width: (text, size) =>
        [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 1 : 0.55), 0) * size,
    };
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
  return {
    ascent: 0.75,
    encode: (text) => {
      // Latin-1 maps to WinAnsi for everything we print; anything else becomes '?'.
      const bytes = [...text].map((ch) => {
        const c = ch.codePointAt(0) ?? 63;
        return c >= 32 && c <= 255 && !(c >= 127 && c < 160) ? c : 63;
      });
      return `<${Buffer.from(bytes).toString('hex')}>`;
    },
    width: (text, size) => text.length * 0.55 * size,
  };
}

/**
 * Embed an appearance subset as a Type 0 font over a CIDFontType2 (ISO 32000-1 §9.7): Identity-H
 * (two-byte codes = CIDs), CIDToGIDMap /Identity (CID = glyph id in the subset), widths per CID and a
 * ToUnicode CMap so the signer's name can be copied and searched.
 */
export function embedAppearanceFont(pdf: PDF, font: AppearanceFont): PdfRef {
  const name = PdfName.of(font.baseFont);
  const program = pdf.createStream({ Length1: PdfNumber.of(font.program.length) }, font.program);
  const descriptor = pdf.register(
    PdfDict.of({
      Type: PdfName.of('FontDescriptor'),
      FontName: name,
      Flags: PdfNumber.of(4), // symbolic: glyphs outside the standard Latin set
      FontBBox: new PdfArray(font.bbox.map((n) => PdfNumber.of(n))),
      ItalicAngle: PdfNumber.of(0),
      Ascent: PdfNumber.of(font.ascent),
      Descent: PdfNumber.of(font.descent),
      CapHeight: PdfNumber.of(font.capHeight),
      StemV: PdfNumber.of(80),
      FontFile2: program,
    }),
  );
  const widths = new PdfArray([
    PdfNumber.of(0),
    new PdfArray(Array.from(font.widths, (w) => PdfNumber.of(w ?? 0))),
  ]);
  const cidFont = pdf.register(
    PdfDict.of({
      Type: PdfName.of('Font'),
      Subtype: PdfName.of('CIDFontType2'),
      BaseFont: name,
      CIDSystemInfo: PdfDict.of({
        Registry: PdfString.fromString('Adobe'),
        Ordering: PdfString.fromString('Identity'),
        Supplement: PdfNumber.of(0),
      }),
      FontDescriptor: descriptor,
      DW: PdfNumber.of(1000),
      W: widths,
      CIDToGIDMap: PdfName.of('Identity'),
    }),
  );
  const toUnicode = pdf.createStream({}, new TextEncoder().encode(toUnicodeCMap(font)));
  return pdf.register(
    PdfDict.of({
      Type: PdfName.of('Font'),
      Subtype: PdfName.of('Type0'),
      BaseFont: name,
      Encoding: PdfName.of('Identity-H'),
      DescendantFonts: new PdfArray([cidFont]),
      ToUnicode: toUnicode,
    }),
  );
}

function toUnicodeCMap(font: AppearanceFont): string {
  const hex4 = (n: number) => n.toString(16).padStart(4, '0');
  const entries = [...font.unicode].map(
    ([cid, text]) =>
      `<${hex4(cid)}> <${[...Buffer.from(text, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('')}>`,
  );
  const chunks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    chunks.push(`${chunk.length} beginbfchar`, ...chunk, 'endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CIDInit /ProcSet findresource exch defineresource pop',
    'end',
    'end',
  ].join('\n');
}

function fmt(n: number): string {
  return Number(n.toFixed(2)).toString();
}
