/**
 * Line breaking for mixed Chinese and Latin text: a line may break between any two CJK characters,
 * Latin text breaks only at spaces (a word longer than the line is cut by characters), closing
 * punctuation never starts a line and opening punctuation never ends one (a small 禁则, kinsoku).
 */

/** One line of broken text and its width (trailing spaces removed). */
export interface BrokenLine {
  readonly text: string;
  readonly width: number;
}

/** Unbreakable pieces of text: a CJK character with its punctuation, a Latin word, or a run of spaces. */
interface Unit {
  text: string;
  isSpace: boolean;
}

const CLOSING = new Set('，。、；：？！）》」』〕】〉％…—'.split('').concat(['”', '’']));
const ASCII_CLOSING = new Set(')]},.;:!?%'.split(''));
const OPENING = new Set('（《「『〔【〈'.split('').concat(['“', '‘']));

/** True for CJK ideographs, kana, hangul and full-width forms: characters a line may break between. */
export function isCjk(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x20000 && cp <= 0x3ffff)
  );
}

/** Curly quotes and dashes belong to Chinese text next to CJK characters, to the word otherwise. */
function isCjkContext(chars: readonly string[], i: number): boolean {
  const ch = chars[i]!;
  if (isCjk(ch)) return true;
  if (!CLOSING.has(ch) && !OPENING.has(ch)) return false;
  const prev = chars[i - 1];
  const next = chars[i + 1];
  return (prev !== undefined && isCjk(prev)) || (next !== undefined && isCjk(next));
}

function units(text: string): Unit[] {
  const chars = Array.from(text);
  const out: Unit[] = [];
  let word = '';
  let open = '';
  const flushWord = () => {
    if (word !== '') out.push({ text: word, isSpace: false });
    word = '';
  };
  chars.forEach((ch, i) => {
    if (ch === ' ' || ch === '\t') {
      flushWord();
      const last = out.at(-1);
      if (open === '' && last?.isSpace) last.text += ' ';
      else if (open === '') out.push({ text: ' ', isSpace: true });
      return;
    }
    if (!isCjkContext(chars, i)) {
      const last = out.at(-1);
      // "整)." : Latin closing punctuation right after CJK text stays on its line.
      if (word === '' && open === '' && ASCII_CLOSING.has(ch) && last && !last.isSpace) {
        last.text += ch;
        return;
      }
      if (word === '') word = open;
      open = '';
      word += ch;
      return;
    }
    // "(年化利率" : Latin opening punctuation right before CJK text moves to the next line with it.
    if (/^[([{]+$/.test(word)) {
      open = word + open;
      word = '';
    }
    flushWord();
    const last = out.at(-1);
    if (CLOSING.has(ch) && last && !last.isSpace) last.text += ch;
    else if (OPENING.has(ch)) open += ch;
    else {
      out.push({ text: open + ch, isSpace: false });
      open = '';
    }
  });
  if (word === '') word = open;
  flushWord();
  return out;
}

/** Cuts a unit wider than the line into pieces that fit (at least one character each). */
function cut(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of Array.from(text)) {
    if (piece !== '' && measure(piece + ch) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Breaks `text` into lines no wider than `maxWidth`, measured with `measure` (same unit). A newline in
 * the text forces a break. An empty text gives one empty line.
 */
export function breakLines(text: string, maxWidth: number, measure: (s: string) => number): BrokenLine[] {
  const lines: BrokenLine[] = [];
  for (const paragraph of text.split('\n')) {
    let line: Unit[] = [];
    let width = 0;
    const flush = () => {
      while (line.at(-1)?.isSpace) width -= measure(line.pop()!.text);
      lines.push({ text: line.map((u) => u.text).join(''), width: Math.max(0, width) });
      line = [];
      width = 0;
    };
    for (const unit of units(paragraph)) {
      if (unit.isSpace && line.length === 0) continue;
      const w = measure(unit.text);
      if (width + w <= maxWidth) {
        line.push(unit);
        width += w;
        continue;
      }
      if (unit.isSpace) {
        flush();
        continue;
      }
      if (line.length > 0) flush();
      if (w <= maxWidth) {
        line.push(unit);
        width = w;
        continue;
      }
      const pieces = cut(unit.text, maxWidth, measure);
      for (const piece of pieces.slice(0, -1)) lines.push({ text: piece, width: measure(piece) });
      const rest = pieces.at(-1)!;
      line.push({ text: rest, isSpace: false });
      width = measure(rest);
    }
    flush();
  }
  return lines;
}
