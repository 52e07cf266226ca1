import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { DEFAULT_CJK_FONT_PATH, loadCjkFont } from '../pdf/load-cjk-font';

type Face = ReturnType<typeof fontkit.create>;

/** One character of an {@link AppearanceFont}: its CID (= glyph id in the subset) and advance (1/1000 em). */
export interface AppearanceGlyph {
  readonly cid: number;
  readonly width: number;
}

/**
 * A TrueType subset holding only the glyphs one signature appearance needs (a few kilobytes), with
 * what the PDF font dictionaries need: embedded as a CIDFontType2 with Identity-H and
 * CIDToGIDMap /Identity (`embedAppearanceFont` in signature-appearance.ts), so @libpdf/core never
 * parses the font at all.
 */
export interface AppearanceFont {
  readonly kind: 'appearance-subset';
  /** `ABCDEF+WenQuanYiMicroHei`: the subset tag is derived from the glyphs, so it is deterministic. */
  readonly baseFont: string;
  /** The subset font program (glyf-based TrueType, no cmap: the PDF maps CIDs to glyphs itself). */
  readonly program: Uint8Array;
  /** Code point → glyph; code points the face lacks are mapped to '?' rather than a tofu box. */
  readonly glyphs: ReadonlyMap<number, AppearanceGlyph>;
  /** Advance widths by CID, in 1/1000 em. */
  readonly widths: readonly number[];
  /** The Unicode text of each CID (for the ToUnicode CMap: copy and search). */
  readonly unicode: ReadonlyMap<number, string>;
  /** Font-wide metrics in 1/1000 em. */
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly bbox: readonly [number, number, number, number];
}

/** Characters every appearance may print (Beijing time, labels): always in the subset, so subsets repeat. */
const ALWAYS = '0123456789-:()+ /UTC…';

/**
 * Parsing the 5 MB collection takes ~25 ms and the first subset ~20 ms more (fontkit reads the glyph
 * index lazily); both happen once per process. A parsed face is never modified.
 */
const faces = new Map<string, Promise<Face>>();
/** Subsets are immutable and the lender's repeats in every contract: keep the recent ones. */
const subsets = new Map<string, Promise<AppearanceFont>>();
const MAX_CACHED_SUBSETS = 128;

/**
 * The font for a signature appearance showing `texts`: a subset of WenQuanYi Micro Hei (the face the
 * contract itself uses, picked out of Debian's .ttc) with exactly the characters used. The face is
 * opened once per process; the subset costs a few milliseconds and identical ones are reused.
 */
export async function appearanceFont({
  texts,
  path = DEFAULT_CJK_FONT_PATH,
  faceName = 'WenQuanYiMicroHei',
}: {
  texts: readonly string[];
  path?: string;
  faceName?: string;
}): Promise<AppearanceFont> {
  const codePoints = [...new Set([...(ALWAYS + texts.join(''))].map((ch) => ch.codePointAt(0)!))].sort(
    (a, b) => a - b,
  );
  const key = `${path}\0${faceName}\0${String.fromCodePoint(...codePoints)}`;
  let font = subsets.get(key);
  if (font === undefined) {
    font = openFace(path, faceName).then((face) => buildSubset(face, faceName, codePoints));
    font.catch(() => subsets.delete(key));
    if (subsets.size >= MAX_CACHED_SUBSETS) subsets.delete(subsets.keys().next().value!);
    subsets.set(key, font);
  }
  return font;
}

/** Width of `text` at `size` points. */
export function appearanceTextWidth(font: AppearanceFont, text: string, size: number): number {
  let units = 0;
  for (const ch of text) units += font.glyphs.get(ch.codePointAt(0)!)?.width ?? font.widths[0] ?? 0;
  return (units * size) / 1000;
}

/** `text` as a hex string operand of CIDs (Identity-H: two bytes per character). */
export function appearanceHexString(font: AppearanceFont, text: string): string {
  let hex = '';
  for (const ch of text) hex += (font.glyphs.get(ch.codePointAt(0)!)?.cid ?? 0).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

function openFace(path: string, faceName: string): Promise<Face> {
  const key = `${path}\0${faceName}`;
  let face = faces.get(key);
  if (face === undefined) {
    face = loadCjkFont({ path }).then((bytes) => {
      const isCollection = bytes.subarray(0, 4).toString('latin1') === 'ttcf';
      return (isCollection ? fontkit.create(bytes, faceName) : fontkit.create(bytes)) as Face;
    });
    face.catch(() => faces.delete(key));
    faces.set(key, face);
  }
  return face;
}

async function buildSubset(
  face: Face,
  faceName: string,
  codePoints: readonly number[],
): Promise<AppearanceFont> {
  const scale = 1000 / face.unitsPerEm;
  const subset = face.createSubset(); // glyph 0 (.notdef) is always CID 0
  const widths: number[] = [Math.round(face.getGlyph(0).advanceWidth * scale)];
  const glyphs = new Map<number, AppearanceGlyph>();
  const unicode = new Map<number, string>();
  const byGlyphId = new Map<number, AppearanceGlyph>();
  const include = (codePoint: number): AppearanceGlyph => {
    const glyph = face.glyphForCodePoint(codePoint);
    let entry = byGlyphId.get(glyph.id);
    if (entry === undefined) {
      entry = { cid: subset.includeGlyph(glyph), width: Math.round(glyph.advanceWidth * scale) };
      widths[entry.cid] = entry.width;
      unicode.set(entry.cid, String.fromCodePoint(codePoint));
      byGlyphId.set(glyph.id, entry);
    }
    return entry;
  };
  const question = include(0x3f);
  for (const cp of codePoints) glyphs.set(cp, face.hasGlyphForCodePoint(cp) ? include(cp) : question);

  const program = await new Promise<Uint8Array>((resolve, reject) => {
    const parts: Uint8Array[] = [];
    try {
      // fontkit's types name only 'data' and 'end', but the stream is a Node stream: an 'error' with no
      // listener would be thrown as an uncaught exception.
      const stream = subset.encodeStream();
      (stream as unknown as NodeJS.EventEmitter).on('error', reject);
      stream.on('data', (part) => parts.push(part)).on('end', () => resolve(Buffer.concat(parts)));
    } catch (e) {
      reject(e as Error);
    }
  });
  const ids = [...byGlyphId.keys()].sort((a, b) => a - b).join(',');
  const digest = createHash('sha256').update(`${faceName}:${ids}`).digest();
  const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
  const os2 = face['OS/2'] as { sCapHeight?: number } | undefined;
  return {
    kind: 'appearance-subset',
    baseFont: `${tag}+${faceName}`,
    program,
    glyphs,
    widths,
    unicode,
    ascent: Math.round(face.ascent * scale),
    descent: Math.round(face.descent * scale),
    capHeight: Math.round((os2?.sCapHeight ?? face.capHeight) * scale),
    bbox: [face.bbox.minX, face.bbox.minY, face.bbox.maxX, face.bbox.maxY].map((n) =>
      Math.round(n * scale),
    ) as [number, number, number, number],
  };
}
