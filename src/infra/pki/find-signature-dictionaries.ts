/** A signature (or document-timestamp) dictionary found in the raw bytes of a PDF. */
export interface RawSignatureDictionary {
  /** Object number of the dictionary (`N 0 obj`), to match it to its field. */
  objectNumber: number | null;
  byteRange: [number, number, number, number];
  /** Offsets of the /Contents hole, `<` inclusive to `>` inclusive (exclusive end). */
  holeStart: number;
  holeEnd: number;
  /** The hex-decoded /Contents, still zero-padded. */
  contents: Buffer;
  type: string | null;
  subFilter: string | null;
  /** /M as written (a PDF date string). */
  m: string | null;
  name: string | null;
  reason: string | null;
  /** Problems with the dictionary itself (hole not this dictionary's /Contents, bad hex ...). */
  problems: string[];
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/**
 * Find every signature dictionary by scanning the bytes for /ByteRange, the way a forensic verifier
 * should: independent of the xref and object parser (which an attacker controls, and which a flipped
 * byte can break), so each signature is checked against exactly the bytes it claims to cover. Signers
 * never put signature dictionaries in compressed object streams (the hole must be patchable), so the
 * scan sees them all.
 */
export function findSignatureDictionaries(file: Uint8Array): RawSignatureDictionary[] {
  const text = Buffer.from(file.buffer, file.byteOffset, file.byteLength).toString('latin1');
  const found: RawSignatureDictionary[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const at = m.index ?? 0;
    const byteRange = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    const problems: string[] = [];
    const holeStart = byteRange[0] + byteRange[1];
    const holeEnd = byteRange[2];
    const objStart = text.lastIndexOf(' obj', at);
    const header = /(\d+)\s+\d+\s+obj\s*$/.exec(text.slice(Math.max(0, objStart - 24), objStart + 4));
    const objEnd = text.indexOf('endobj', at);
    const dictText = text.slice(objStart, objEnd === -1 ? text.length : objEnd);
    let contents = Buffer.alloc(0);
    if (holeStart >= holeEnd || holeEnd > text.length)
      problems.push('ByteRange hole is empty or out of bounds');
    else {
      const hole = text.slice(holeStart, holeEnd);
      if (!/^<[0-9A-Fa-f\s]*>$/.test(hole)) problems.push('ByteRange hole is not a hex string');
      else contents = Buffer.from(hole.slice(1, -1).replace(/\s+/g, ''), 'hex');
      if (
        holeStart < objStart ||
        (objEnd !== -1 && holeEnd > objEnd) ||
        !/\/Contents\s*$/.test(text.slice(objStart, holeStart))
      )
        problems.push("ByteRange hole is not this dictionary's /Contents");
    }
    found.push({
      objectNumber: header ? Number(header[1]) : null,
      byteRange,
      holeStart,
      holeEnd,
      contents,
      type: nameValue(dictText, 'Type'),
      subFilter: nameValue(dictText, 'SubFilter'),
      m: stringValue(dictText, 'M'),
      name: stringValue(dictText, 'Name'),
      reason: stringValue(dictText, 'Reason'),
      problems,
    });
  }
  return found;
}

function nameValue(dict: string, key: string): string | null {
  return new RegExp(`/${key}\\s*/([^\\s/<>\\[\\]()]+)`).exec(dict)?.[1] ?? null;
}

/** A literal string value (PDFDocEncoding / Latin-1; UTF-16 names are decoded when BOM-marked). */
function stringValue(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*\\(((?:\\\\.|[^\\\\)])*)\\)`).exec(dict);
  if (m?.[1] !== undefined) {
    const raw = m[1].replace(
      /\\([nrtbf()\\])/g,
      (_, c: string) => ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' })[c] ?? c,
    );
    return decodeTextString(Buffer.from(raw, 'latin1'));
  }
  const hex = new RegExp(`/${key}\\s*<([0-9A-Fa-f\\s]*)>`).exec(dict)?.[1];
  return hex === undefined ? null : decodeTextString(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));
}

function decodeTextString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return body.swap16().toString('utf16le');
  }
  return bytes.toString('latin1');
}
