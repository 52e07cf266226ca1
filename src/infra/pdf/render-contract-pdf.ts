import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import {
  LineCapStyle,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setCharacterSpacing,
  setLineWidth,
  setTextRenderingMode,
  TextRenderingMode,
} from 'pdf-lib';
import type { PDFFont, PDFPage, PDFRef, RGB } from 'pdf-lib';
import type {
  ContractBlock,
  KeyValueBlock,
  SignaturesBlock,
  TableBlock,
  TableColumn,
} from '../../core/contract/contract-block';
import type { ContractLocale } from '../../core/contract/contract-data';
import { breakLines, isCjk } from './break-lines';
import type { BrokenLine } from './break-lines';

/** Options of `renderContractPdf`. */
export interface RenderContractPdfOptions {
  /** The bytes of WenQuanYi Micro Hei (`loadCjkFont`): a .ttc collection or a single .ttf. */
  readonly font: Uint8Array;
  /** The face to take out of a .ttc collection (its PostScript name). */
  readonly fontFace?: string;
  readonly title: string;
  /** Printed at the top of every page (contract number). */
  readonly header: string;
  readonly locale: ContractLocale;
  /** CreationDate and ModDate: fixed by the caller (from the contract data), never the clock. */
  readonly producedAt: Date;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords?: readonly string[];
}

type Font = ReturnType<typeof fontkit.create>;

const PAGE_WIDTH = 595.28; // A4
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 62;
const CONTENT_TOP = PAGE_HEIGHT - 68;
const CONTENT_BOTTOM = 58;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;

const INK = rgb(0.1, 0.1, 0.1);
const GREY_TEXT = rgb(0.4, 0.4, 0.4);
const RULE = rgb(0.45, 0.45, 0.45);
const HEADER_FILL = rgb(0.9, 0.91, 0.93);
const KEY_FILL = rgb(0.955, 0.96, 0.965);

const PRODUCER = 'mianqian contract renderer (pdf-lib 1.17.1, @pdf-lib/fontkit 1.1.1)';
const CREATOR = 'mianqian';

const STYLE = {
  title: { size: 20, leading: 28 },
  subtitle: { size: 9.5, leading: 14 },
  heading1: { size: 13.5, leading: 20 },
  heading2: { size: 11, leading: 17 },
  paragraph: { size: 10, leading: 16.5 },
  keyValue: { size: 9.5, leading: 14, pad: 4 },
  table: { size: 8.8, leading: 12.5, pad: 3.5 },
  signature: { size: 10, leading: 15, box: 74, gap: 28 },
  header: { size: 8 },
} as const;

interface TextStyle {
  size: number;
  color?: RGB;
  bold?: boolean;
}

/**
 * Lays out and draws a contract model on A4 pages and prepares it for signing: one EMPTY AcroForm
 * signature field (`/FT /Sig`) per signature slot, named as the slot says, whose widget is the box drawn
 * on the signature page. Every visible mark (boxes, names, page numbers) is drawn here, because after
 * the first signature only incremental updates are allowed and any change to page content breaks
 * earlier signatures in some validators.
 *
 * The output is deterministic: the font subset gets a tag derived from the text, the dates are
 * `producedAt`, Producer and Creator are fixed, and the trailer /ID is derived from SHA-256 of the
 * document itself; the same model and options give the same bytes. Classic cross-reference tables (no
 * object streams) keep the file easy for incremental signers and other tools.
 */
/**
 * Parsing the 5 MB collection is most of a render's cost, and a parsed face is never modified (each
 * document makes its own subset), so faces are kept per font buffer and face name.
 */
const faces = new WeakMap<Uint8Array, Map<string, Font>>();
function openFace(bytes: Uint8Array, isCollection: boolean, faceName: string): Font {
  let byName = faces.get(bytes);
  if (byName === undefined) faces.set(bytes, (byName = new Map()));
  let face = byName.get(faceName);
  if (face === undefined) {
    face = memoiseLayout((isCollection ? fontkit.create(bytes, faceName) : fontkit.create(bytes)) as Font);
    byName.set(faceName, face);
  }
  return face;
}

/**
 * pdf-lib shapes every string twice (to measure it and to encode it) with fontkit's `layout`, a fifth
 * of a render; most strings are the template's own and recur in every contract. The glyph runs are
 * read, never changed (pdf-lib takes their glyphs; each document makes its own subset), so the face
 * keeps the runs it made, per text and feature set, up to a bound.
 */
function memoiseLayout(face: Font): Font {
  const layout = face.layout.bind(face) as (text: string, ...rest: unknown[]) => unknown;
  const runs = new Map<string, unknown>();
  (face as { layout: unknown }).layout = (text: string, features?: unknown, ...rest: unknown[]) => {
    if (rest.length > 0) return layout(text, features, ...rest);
    const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
    let run = runs.get(key);
    if (run === undefined) {
      if (runs.size >= 20_000) runs.clear();
      run = layout(text, features);
      runs.set(key, run);
    }
    return run;
  };
  return face;
}

export async function renderContractPdf(
  model: readonly ContractBlock[],
  opts: RenderContractPdfOptions,
): Promise<Buffer> {
  const isCollection = Buffer.from(opts.font.subarray(0, 4)).toString('latin1') === 'ttcf';
  const faceName = opts.fontFace ?? 'WenQuanYiMicroHei';
  let face: Font | undefined;
  const doc = await PDFDocument.create({ updateMetadata: false });
  // pdf-lib deflates the embedded font program and its CMap with pako (pure JS), a seventh of the
  // render's time; Node's zlib does the same job natively. Same input, same bytes on a given zlib.
  doc.context.flateStream = (contents, dict = {}) =>
    doc.context.stream(
      deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents),
      { ...dict, Filter: 'FlateDecode' },
    );
  // A .ttc is a collection: fontkit must be told which face to open, or pdf-lib cannot subset it.
  doc.registerFontkit({
    create: (bytes: Uint8Array) => (face = openFace(bytes, isCollection, faceName)),
  });
  const font = await doc.embedFont(opts.font, {
    subset: true,
    customName: `${subsetTag(model, opts)}+${faceName}`,
  });
  if (!face) throw new Error('fontkit did not open the font');
  assertGlyphs(face, model, opts);

  const layout = new Layout(doc, font, face, opts);
  for (const block of model) layout.block(withLatinQuotes(block));
  layout.finish();

  doc.setTitle(opts.title, { showInWindowTitleBar: true });
  if (opts.author) doc.setAuthor(opts.author);
  if (opts.subject) doc.setSubject(opts.subject);
  if (opts.keywords) doc.setKeywords([...opts.keywords]);
  doc.setLanguage(opts.locale);
  doc.setProducer(PRODUCER);
  doc.setCreator(CREATOR);
  doc.setCreationDate(opts.producedAt);
  doc.setModificationDate(opts.producedAt);

  // pdf-lib writes no /ID; signers and archives expect one. Derive it from the document without it.
  const saveOptions = {
    useObjectStreams: false,
    updateFieldAppearances: false,
    addDefaultPage: false,
  } as const;
  const draft = await doc.save(saveOptions);
  const id = createHash('sha256').update(draft).digest('hex').slice(0, 32).toUpperCase();
  doc.context.trailerInfo.ID = doc.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return Buffer.from(await doc.save(saveOptions));
}

/**
 * WenQuanYi Micro Hei, like most CJK fonts, draws curly quotes full-width (GB 2312 puts them among the
 * Chinese punctuation), which tears English words apart ("Lender ’ s"). In Latin context they are drawn
 * as straight quotes; next to CJK characters they stay as they are.
 */
function latinQuotes(text: string): string {
  const chars = Array.from(text);
  return chars
    .map((ch, i) => {
      if (!'‘’“”'.includes(ch)) return ch;
      if (isCjk(chars[i - 1] ?? '') || isCjk(chars[i + 1] ?? '')) return ch;
      return ch === '‘' || ch === '’' ? "'" : '"';
    })
    .join('');
}

function withLatinQuotes(block: ContractBlock): ContractBlock {
  switch (block.kind) {
    case 'title':
      return { ...block, text: latinQuotes(block.text), subtitle: block.subtitle.map(latinQuotes) };
    case 'heading':
    case 'paragraph':
      return { ...block, text: latinQuotes(block.text) };
    case 'key-value':
      return {
        ...block,
        rows: block.rows.map((r) => ({ key: latinQuotes(r.key), value: latinQuotes(r.value) })),
      };
    case 'table':
      return {
        ...block,
        columns: block.columns.map((c) => ({ ...c, header: latinQuotes(c.header) })),
        rows: block.rows.map((r) => r.map(latinQuotes)),
        ...(block.footer ? { footer: block.footer.map(latinQuotes) } : {}),
      };
    case 'signatures':
      return {
        ...block,
        slots: block.slots.map((s) => ({
          ...s,
          roleLabel: latinQuotes(s.roleLabel),
          name: latinQuotes(s.name),
          caption: latinQuotes(s.caption),
        })),
      };
    case 'page-break':
      return block;
  }
}

/** Six capital letters from the model's text: the PDF subset-tag convention (ABCDEF+FontName). */
function subsetTag(model: readonly ContractBlock[], opts: RenderContractPdfOptions): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([model, opts.title, opts.header, opts.locale]))
    .digest();
  return Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

function blockTexts(block: ContractBlock): string[] {
  switch (block.kind) {
    case 'title':
      return [block.text, ...block.subtitle];
    case 'heading':
    case 'paragraph':
      return [block.text];
    case 'key-value':
      return block.rows.flatMap((r) => [r.key, r.value]);
    case 'table':
      return [...block.columns.map((c) => c.header), ...block.rows.flat(), ...(block.footer ?? [])];
    case 'signatures':
      return block.slots.flatMap((s) => [s.roleLabel, s.name, s.caption]);
    case 'page-break':
      return [];
  }
}

/** Refuses text the font cannot show, rather than printing tofu boxes into a contract. */
function assertGlyphs(face: Font, model: readonly ContractBlock[], opts: RenderContractPdfOptions): void {
  const missing = new Set<string>();
  const texts = [opts.header, pageLabel(opts.locale, 1, 1), ...model.flatMap(blockTexts)];
  for (const text of texts)
    for (const ch of text) if (ch !== '\n' && !face.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  if (missing.size > 0)
    throw new Error(
      `the font has no glyph for ${[...missing]
        .map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${ch}`)
        .join(', ')}`,
    );
}

function pageLabel(locale: ContractLocale, page: number, pages: number): string {
  return locale === 'zh-CN' ? `第 ${page} 页 / 共 ${pages} 页` : `Page ${page} of ${pages}`;
}

/** The page-by-page layout: a cursor that moves down and starts a new page when a piece does not fit. */
class Layout {
  private readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = CONTENT_TOP;
  private readonly widths = new Map<string, number>();
  private readonly ascent: number;
  private readonly descent: number;
  private readonly fields: PDFRef[] = [];

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    face: Font,
    private readonly opts: RenderContractPdfOptions,
  ) {
    this.ascent = face.ascent / face.unitsPerEm;
    this.descent = face.descent / face.unitsPerEm;
    this.newPage();
  }

  block(block: ContractBlock): void {
    switch (block.kind) {
      case 'title':
        return this.title(block.text, block.subtitle);
      case 'heading':
        return block.level === 1 ? this.heading1(block.text) : this.heading2(block.text);
      case 'paragraph':
        return this.paragraph(block.text, block.emphasis === true, block.align ?? 'left');
      case 'key-value':
        return this.keyValue(block);
      case 'table':
        return this.table(block);
      case 'page-break':
        if (this.y < CONTENT_TOP) this.newPage();
        return;
      case 'signatures':
        return this.signatures(block);
    }
  }

  /** Page numbers need the page count, so they are drawn last; then the AcroForm is attached. */
  finish(): void {
    this.pages.forEach((page, i) => {
      const label = pageLabel(this.opts.locale, i + 1, this.pages.length);
      const size = STYLE.header.size;
      this.text(page, label, (PAGE_WIDTH - this.measure(label, size)) / 2, 30, { size, color: GREY_TEXT });
    });
    if (this.fields.length > 0) {
      const acroForm = this.doc.context.obj({ Fields: this.fields, SigFlags: 1 });
      this.doc.catalog.set(PDFName.of('AcroForm'), this.doc.context.register(acroForm));
    }
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = CONTENT_TOP;
    const size = STYLE.header.size;
    this.text(this.page, this.opts.header, MARGIN_X, PAGE_HEIGHT - 40, { size, color: GREY_TEXT });
    this.page.drawLine({
      start: { x: MARGIN_X, y: PAGE_HEIGHT - 46 },
      end: { x: PAGE_WIDTH - MARGIN_X, y: PAGE_HEIGHT - 46 },
      thickness: 0.5,
      color: RULE,
    });
  }

  /** Moves to a new page unless `height` fits below the cursor. */
  private ensure(height: number): void {
    if (this.y - height < CONTENT_BOTTOM) this.newPage();
  }

  private space(height: number): void {
    if (this.y < CONTENT_TOP) this.y -= height;
  }

  private measure(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      let w = this.widths.get(ch);
      if (w === undefined) {
        w = this.font.widthOfTextAtSize(ch, 1000);
        this.widths.set(ch, w);
      }
      units += w;
    }
    return (units / 1000) * size;
  }

  private wrap(text: string, width: number, size: number): BrokenLine[] {
    return breakLines(text, width, (s) => this.measure(s, size));
  }

  /** Baseline that centres the em box of a `size` font in a line box of `leading` whose top is `top`. */
  private baseline(top: number, leading: number, size: number): number {
    return top - leading / 2 - ((this.ascent + this.descent) / 2) * size;
  }

  private text(page: PDFPage, text: string, x: number, y: number, style: TextStyle, charSpacing = 0): void {
    if (text === '') return;
    const bold = style.bold === true;
    const color = style.color ?? INK;
    if (bold || charSpacing !== 0) {
      page.pushOperators(pushGraphicsState());
      if (charSpacing !== 0) page.pushOperators(setCharacterSpacing(charSpacing));
      // WenQuanYi Micro Hei has no bold face: fill and stroke the outline (faux bold).
      if (bold)
        page.pushOperators(
          setTextRenderingMode(TextRenderingMode.FillAndOutline),
          setLineWidth(style.size * 0.04),
        );
    }
    page.drawText(text, { x, y, size: style.size, font: this.font, color });
    if (bold || charSpacing !== 0) page.pushOperators(popGraphicsState());
  }

  private title(text: string, subtitle: readonly string[]): void {
    const { size, leading } = STYLE.title;
    this.ensure(leading + subtitle.length * STYLE.subtitle.leading + 60);
    this.y -= 6;
    const width = this.measure(text, size);
    this.text(this.page, text, (PAGE_WIDTH - width) / 2, this.baseline(this.y, leading, size), {
      size,
      bold: true,
    });
    this.y -= leading + 4;
    for (const line of subtitle) {
      const s = STYLE.subtitle;
      const w = this.measure(line, s.size);
      this.text(this.page, line, (PAGE_WIDTH - w) / 2, this.baseline(this.y, s.leading, s.size), {
        size: s.size,
        color: GREY_TEXT,
      });
      this.y -= s.leading;
    }
    this.y -= 12;
  }

  private heading1(text: string): void {
    const { size, leading } = STYLE.heading1;
    this.space(12);
    // Keep the heading with at least three lines of what follows.
    this.ensure(leading + 6 + 3 * STYLE.paragraph.leading);
    for (const line of this.wrap(text, CONTENT_WIDTH, size)) {
      this.text(this.page, line.text, (PAGE_WIDTH - line.width) / 2, this.baseline(this.y, leading, size), {
        size,
        bold: true,
      });
      this.y -= leading;
    }
    this.y -= 6;
  }

  private heading2(text: string): void {
    const { size, leading } = STYLE.heading2;
    this.space(8);
    this.ensure(leading + 2 + 2 * STYLE.paragraph.leading);
    for (const line of this.wrap(text, CONTENT_WIDTH, size)) {
      this.text(this.page, line.text, MARGIN_X, this.baseline(this.y, leading, size), { size, bold: true });
      this.y -= leading;
    }
    this.y -= 2;
  }

  private paragraph(text: string, emphasis: boolean, align: 'left' | 'center'): void {
    const { size, leading } = STYLE.paragraph;
    const lines = this.wrap(text, CONTENT_WIDTH, size);
    lines.forEach((line, i) => {
      this.ensure(leading);
      const baseline = this.baseline(this.y, leading, size);
      const style = { size, bold: emphasis };
      if (align === 'center') this.text(this.page, line.text, (PAGE_WIDTH - line.width) / 2, baseline, style);
      else if (i === lines.length - 1 || this.opts.locale !== 'zh-CN')
        this.text(this.page, line.text, MARGIN_X, baseline, style);
      else this.justified(line, baseline, style);
      this.y -= leading;
    });
    this.y -= 4;
  }

  /**
   * Draws a full line of Chinese text flush with both margins, as Chinese typesetting does: the extra
   * space goes after CJK characters only (character spacing on CJK runs), so Latin words and numbers
   * keep their natural spacing. Latin lines stay ragged: word spacing (Tw) does not apply to two-byte
   * fonts. A line that would need more than half an em per character is left ragged too.
   */
  private justified(line: BrokenLine, baseline: number, style: TextStyle): void {
    const chars = Array.from(line.text);
    const runs: { text: string; cjk: boolean }[] = [];
    for (const ch of chars) {
      const cjk = isCjk(ch);
      const last = runs.at(-1);
      if (last && last.cjk === cjk) last.text += ch;
      else runs.push({ text: ch, cjk });
    }
    const slots = chars.filter(isCjk).length - (isCjk(chars.at(-1) ?? '') ? 1 : 0);
    const spacing = slots > 0 ? (CONTENT_WIDTH - line.width) / slots : 0;
    if (spacing <= 0 || spacing > style.size * 0.5) {
      this.text(this.page, line.text, MARGIN_X, baseline, style);
      return;
    }
    let x = MARGIN_X;
    for (const run of runs) {
      this.text(this.page, run.text, x, baseline, style, run.cjk ? spacing : 0);
      x += this.measure(run.text, style.size) + (run.cjk ? spacing * Array.from(run.text).length : 0);
    }
  }

  private rule(x1: number, y1: number, x2: number, y2: number): void {
    this.page.drawLine({
      start: { x: x1, y: y1 },
      end: { x: x2, y: y2 },
      thickness: 0.6,
      color: RULE,
      lineCap: LineCapStyle.Projecting,
    });
  }

  private keyValue(block: KeyValueBlock): void {
    const { size, leading, pad } = STYLE.keyValue;
    const keyWidth = Math.round(CONTENT_WIDTH * (this.opts.locale === 'zh-CN' ? 0.22 : 0.27));
    const x0 = MARGIN_X;
    const x1 = MARGIN_X + keyWidth;
    const x2 = MARGIN_X + CONTENT_WIDTH;
    for (const row of block.rows) {
      const keyLines = this.wrap(row.key, keyWidth - 2 * pad, size);
      const valueLines = this.wrap(row.value, x2 - x1 - 2 * pad, size);
      const height = Math.max(keyLines.length, valueLines.length) * leading + 2 * pad;
      this.ensure(height);
      const top = this.y;
      const bottom = top - height;
      this.page.drawRectangle({ x: x0, y: bottom, width: keyWidth, height, color: KEY_FILL });
      // Every row rules its top edge too: its key-cell fill would otherwise cover half the line above.
      this.rule(x0, top, x2, top);
      this.rule(x0, bottom, x2, bottom);
      this.rule(x0, top, x0, bottom);
      this.rule(x1, top, x1, bottom);
      this.rule(x2, top, x2, bottom);
      keyLines.forEach((line, i) =>
        this.text(this.page, line.text, x0 + pad, this.baseline(top - pad - i * leading, leading, size), {
          size,
          color: GREY_TEXT,
        }),
      );
      valueLines.forEach((line, i) =>
        this.text(this.page, line.text, x1 + pad, this.baseline(top - pad - i * leading, leading, size), {
          size,
        }),
      );
      this.y = bottom;
    }
    this.y -= 8;
  }

  private table(block: TableBlock): void {
    const { size, leading, pad } = STYLE.table;
    const total = block.columns.reduce((sum, c) => sum + c.width, 0);
    const edges = [MARGIN_X];
    for (const c of block.columns) edges.push(edges.at(-1)! + (CONTENT_WIDTH * c.width) / total);
    const cellWidth = (i: number) => edges[i + 1]! - edges[i]! - 2 * pad;
    const lay = (cells: readonly string[]) => cells.map((cell, i) => this.wrap(cell, cellWidth(i), size));
    const rowHeight = (cells: BrokenLine[][]) =>
      Math.max(1, ...cells.map((c) => c.length)) * leading + 2 * pad;

    const header = lay(block.columns.map((c) => c.header));
    const headerHeight = rowHeight(header);
    const drawRow = (cells: BrokenLine[][], height: number, style: 'header' | 'body' | 'footer') => {
      const top = this.y;
      const bottom = top - height;
      if (style !== 'body')
        this.page.drawRectangle({
          x: MARGIN_X,
          y: bottom,
          width: CONTENT_WIDTH,
          height,
          color: style === 'header' ? HEADER_FILL : KEY_FILL,
        });
      this.rule(MARGIN_X, top, MARGIN_X + CONTENT_WIDTH, top);
      this.rule(MARGIN_X, bottom, MARGIN_X + CONTENT_WIDTH, bottom);
      for (const x of edges) this.rule(x, top, x, bottom);
      cells.forEach((lines, i) => {
        const column: TableColumn = block.columns[i]!;
        const align = style === 'header' ? 'center' : column.align;
        lines.forEach((line, j) => {
          const x =
            align === 'left'
              ? edges[i]! + pad
              : align === 'right'
                ? edges[i + 1]! - pad - line.width
                : (edges[i]! + edges[i + 1]! - line.width) / 2;
          this.text(this.page, line.text, x, this.baseline(top - pad - j * leading, leading, size), {
            size,
            bold: style !== 'body',
          });
        });
      });
      this.y = bottom;
    };

    const rows = block.rows.map(lay);
    // The header row never stands alone at the foot of a page.
    this.ensure(headerHeight + (rows[0] ? rowHeight(rows[0]) : 0));
    drawRow(header, headerHeight, 'header');
    const all: [BrokenLine[][], 'body' | 'footer'][] = rows.map((r) => [r, 'body']);
    if (block.footer) all.push([lay(block.footer), 'footer']);
    for (const [cells, style] of all) {
      const height = rowHeight(cells);
      if (this.y - height < CONTENT_BOTTOM) {
        this.newPage();
        drawRow(header, headerHeight, 'header');
      }
      drawRow(cells, height, style);
    }
    this.y -= 8;
  }

  private signatures(block: SignaturesBlock): void {
    const { size, leading, box, gap } = STYLE.signature;
    const columns = 2;
    const cellWidth = (CONTENT_WIDTH - gap * (columns - 1)) / columns;
    const captionSize = 7.5;
    this.space(10);
    for (let start = 0; start < block.slots.length; start += columns) {
      const slots = block.slots.slice(start, start + columns);
      const laid = slots.map((slot) => ({
        slot,
        role: this.wrap(slot.roleLabel, cellWidth, size),
        name: this.wrap(slot.name, cellWidth, size),
        caption: this.wrap(slot.caption, cellWidth, captionSize),
      }));
      const textHeight = Math.max(
        ...laid.map((l) => (l.role.length + l.name.length) * leading + l.caption.length * 11),
      );
      const height = box + 8 + textHeight;
      this.ensure(height);
      const top = this.y;
      laid.forEach((l, i) => {
        const x = MARGIN_X + i * (cellWidth + gap);
        const boxBottom = top - box;
        this.page.drawRectangle({
          x,
          y: boxBottom,
          width: cellWidth,
          height: box,
          borderColor: RULE,
          borderWidth: 0.8,
        });
        this.signatureField(l.slot.fieldName, `${l.slot.roleLabel} ${l.slot.name}`, [
          x,
          boxBottom,
          x + cellWidth,
          top,
        ]);
        let y = boxBottom - 8;
        for (const line of l.role) {
          this.text(this.page, line.text, x, this.baseline(y, leading, size), { size, bold: true });
          y -= leading;
        }
        for (const line of l.name) {
          this.text(this.page, line.text, x, this.baseline(y, leading, size), { size });
          y -= leading;
        }
        for (const line of l.caption) {
          this.text(this.page, line.text, x, this.baseline(y, 11, captionSize), {
            size: captionSize,
            color: GREY_TEXT,
          });
          y -= 11;
        }
      });
      this.y = top - height - 22;
    }
  }

  /**
   * An unsigned signature field merged with its widget: /FT /Sig without /V, printable, on this page,
   * with an empty appearance (the box and the names are page content, drawn above).
   */
  private signatureField(name: string, description: string, rect: [number, number, number, number]): void {
    const { context } = this.doc;
    const [x1, y1, x2, y2] = rect;
    const appearance = context.register(
      context.formXObject([], { BBox: [0, 0, x2 - x1, y2 - y1], Resources: {} }),
    );
    const field = context.register(
      context.obj({
        FT: 'Sig',
        T: PDFString.of(name),
        TU: PDFHexString.fromText(description),
        Type: 'Annot',
        Subtype: 'Widget',
        Rect: rect,
        F: 4,
        P: this.page.ref,
        AP: { N: appearance },
      }),
    );
    this.page.node.addAnnot(field);
    this.fields.push(field);
  }
}
