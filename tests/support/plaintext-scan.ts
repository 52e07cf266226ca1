import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A plaintext scanner for the personal-data suite: each planted value becomes a set of needles (its
 * common encodings) and a source (a database dump, log lines, files) is searched for all of them in
 * one pass. Needles shorter than 6 bytes are dropped: they would match by chance in binary files.
 */
export interface Planted {
  kind: string;
  /** What it is, for the report (never the value itself). */
  label: string;
  value: string | Buffer;
  /** Extra textual forms (a float embedding printed as text), searched as they are and encoded. */
  texts?: string[];
}

export interface Needle {
  planted: Planted;
  form: string;
  bytes: Buffer;
}

export interface Hit {
  kind: string;
  label: string;
  form: string;
  source: string;
  offset: number;
}

const MIN_NEEDLE = 6;

/** A 24-bit hash of a four-byte prefix (Fibonacci hashing). */
const prefixBit = (key: number) => Math.imul(key, 0x9e3779b1) >>> 8;

/** Base64 of `bytes` wherever it sits in a longer buffer: the three alignments, edges trimmed. */
function base64Forms(bytes: Buffer, alphabet: 'base64' | 'base64url'): string[] {
  const forms: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = Buffer.concat([Buffer.alloc(shift), bytes]);
    let text = padded.toString(alphabet).replace(/=+$/, '');
    // Drop the characters that also depend on the bytes before and after.
    if (shift > 0) text = text.slice(4);
    const tail = (shift + bytes.length) % 3;
    if (tail !== 0) text = text.slice(0, text.length - (tail === 1 ? 2 : 3));
    forms.push(text);
  }
  return forms;
}

/** Digit strings as people write them: grouped by 4 (cards), 3-4-4 (mobiles), 6-8-4 (ID numbers). */
function groupings(value: string): string[] {
  if (!/^[0-9A-Z]{8,}$/.test(value)) return [];
  const groupBy = (sizes: number[]) => {
    const out: string[] = [];
    let i = 0;
    for (const n of sizes) {
      if (i >= value.length) break;
      out.push(value.slice(i, i + n));
      i += n;
    }
    if (i < value.length) out.push(value.slice(i));
    return out;
  };
  const patterns = [Array(6).fill(4), [3, 4, 4], [6, 8, 4], [6, 4, 4, 4]];
  return patterns.flatMap((p) => [' ', '-'].map((sep) => groupBy(p).join(sep)));
}

const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};
const jsonEscaped = (s: string) =>
  s.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Windows of a binary value worth searching for: three 48-byte slices from its body. */
function windows(bytes: Buffer): { at: string; bytes: Buffer }[] {
  if (bytes.length <= 96) return [{ at: 'all', bytes }];
  return [0.3, 0.55, 0.8].map((f) => {
    const start = Math.floor(bytes.length * f);
    return { at: `@${start}`, bytes: bytes.subarray(start, start + 48) };
  });
}

/** Every needle for one planted value. */
export function needlesOf(planted: Planted): Needle[] {
  const out: Needle[] = [];
  const add = (form: string, whole: Buffer) => {
    // A needle starting with a run (zero floats, "AAAA" in base64, "0000" in hex) would be a
    // candidate at every position of a zero-filled page: start it where its bytes vary. What is left
    // is still a part of the encoded value, so finding it still finds the value.
    let bytes = whole;
    while (bytes.length > MIN_NEEDLE && new Set(bytes.subarray(0, 4)).size < 3) bytes = bytes.subarray(1);
    if (bytes.length >= MIN_NEEDLE) out.push({ planted, form, bytes });
  };
  const addBinary = (form: string, bytes: Buffer) => {
    add(form, bytes);
    base64Forms(bytes, 'base64').forEach((t, i) => add(`${form} base64/${i}`, Buffer.from(t)));
    base64Forms(bytes, 'base64url').forEach((t, i) => add(`${form} base64url/${i}`, Buffer.from(t)));
    add(`${form} hex`, Buffer.from(bytes.toString('hex')));
    add(`${form} HEX`, Buffer.from(bytes.toString('hex').toUpperCase()));
  };
  const addText = (form: string, text: string) => {
    addBinary(`${form} utf8`, Buffer.from(text, 'utf8'));
    add(`${form} utf16le`, Buffer.from(text, 'utf16le'));
    add(`${form} utf16be`, utf16be(text));
    if (/[^\x20-\x7e]/.test(text)) add(`${form} \\u-escaped`, Buffer.from(jsonEscaped(text)));
  };
  if (typeof planted.value === 'string') {
    addText('as-is', planted.value);
    for (const g of groupings(planted.value)) addText(`grouped "${g.replace(/[0-9A-Z]/g, '9')}"`, g);
  } else {
    for (const w of windows(planted.value)) addBinary(`bytes${w.at}`, w.bytes);
  }
  for (const [i, t] of (planted.texts ?? []).entries()) addText(`text#${i}`, t);
  // Duplicates (a value whose forms coincide) would count twice.
  const seen = new Set<string>();
  return out.filter((n) => {
    const k = n.bytes.toString('hex');
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Searches many needles at once: a table keyed by each needle's first four bytes, then an exact
 * comparison. One pass over the source whatever the number of needles.
 */
export class PlaintextScanner {
  private readonly byPrefix = new Map<number, Needle[]>();
  /** A bit per hashed four-byte prefix of some needle: most positions are rejected by it alone. */
  private readonly prefixBits = new Uint32Array(1 << 19);
  readonly needles: Needle[];
  readonly hits: Hit[] = [];
  readonly sources: { source: string; bytes: number; rows?: number }[] = [];

  constructor(planted: Planted[]) {
    this.needles = planted.flatMap(needlesOf);
    for (const n of this.needles) {
      const key = n.bytes.readUInt32BE(0);
      const list = this.byPrefix.get(key) ?? [];
      list.push(n);
      this.byPrefix.set(key, list);
      const bit = prefixBit(key);
      this.prefixBits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  scan(source: string, data: Buffer, rows?: number): Hit[] {
    const found: Hit[] = [];
    const seen = new Set<Needle>();
    let key = 0;
    for (let end = 0; end < data.length; end++) {
      // The four bytes ending at `end`, rolled along: no call per position.
      key = ((key << 8) | data[end]!) >>> 0;
      if (end < 3) continue;
      const bit = prefixBit(key);
      if ((this.prefixBits[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
      const i = end - 3;
      const candidates = this.byPrefix.get(key);
      if (!candidates) continue;
      for (const n of candidates) {
        if (seen.has(n) || i + n.bytes.length > data.length) continue;
        if (data.compare(n.bytes, 0, n.bytes.length, i, i + n.bytes.length) === 0) {
          seen.add(n);
          found.push({ kind: n.planted.kind, label: n.planted.label, form: n.form, source, offset: i });
        }
      }
    }
    this.hits.push(...found);
    const entry = this.sources.find((s) => s.source === source);
    if (entry) {
      entry.bytes += data.length;
      if (rows !== undefined) entry.rows = (entry.rows ?? 0) + rows;
    } else this.sources.push({ source, bytes: data.length, ...(rows === undefined ? {} : { rows }) });
    return found;
  }

  /** Scans every regular file under `dir` (raw bytes); returns the number of files. */
  scanTree(source: string, dir: string): number {
    let files = 0;
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const path = join(d, name);
        const st = statSync(path);
        if (st.isDirectory()) walk(path);
        else if (st.isFile()) {
          files++;
          this.scan(source, readFileSync(path));
        }
      }
    };
    walk(dir);
    return files;
  }
}
