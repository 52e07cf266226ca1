/**
 * A strict structural check of a JPEG file, run before any decoder sees it, so that a decoder which
 * tolerates damage (or decodes whatever it is given, at any size) never gets a truncated, oversized or
 * malformed file: the marker segments are walked with their lengths from SOI to EOI.
 *
 * Accepted: SOI first; marker segments each wholly inside the file; exactly one frame header, SOF0
 * (baseline), SOF1 (extended) or SOF2 (progressive), 8-bit, 1, 3 or 4 components, width and height
 * non-zero and their product within `maxPixels`, before the first scan; at least one scan (SOS) whose
 * entropy-coded data ends at a marker; EOI as the file's last two bytes. Anything else (lossless or
 * arithmetic coding, a second SOI, a restart marker outside a scan, bytes after EOI, a cut anywhere)
 * is refused with the reason.
 */

/** Frame size read from the frame header, when the file passed. */
export interface JpegStructure {
  readonly width: number;
  readonly height: number;
  readonly components: number;
  readonly progressive: boolean;
}

export type JpegCheck = ({ ok: true } & JpegStructure) | { ok: false; reason: string };

/** Markers that stand alone (no length field). */
const isStandalone = (m: number) => m === 0x01 || (m >= 0xd0 && m <= 0xd9);
/** Frame headers of any kind (SOF0–SOF15 except DHT C4, JPG C8, DAC CC). */
const isFrameHeader = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

export function checkJpegStructure(bytes: Uint8Array, { maxPixels }: { maxPixels: number }): JpegCheck {
  const fail = (reason: string): JpegCheck => ({ ok: false, reason });
  const n = bytes.length;
  if (n < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return fail('no start-of-image marker');
  let pos = 2;
  let frame: JpegStructure | undefined;
  let scans = 0;
  while (pos < n) {
    if (bytes[pos] !== 0xff) return fail(`no marker at byte ${pos}`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (pos < n && bytes[pos] === 0xff) pos++;
    if (pos >= n) return fail('truncated at a marker');
    const marker = bytes[pos++]!;
    if (marker === 0xd9) {
      if (!frame) return fail('no frame header');
      if (scans === 0) return fail('no scan');
      if (pos !== n) return fail(`${n - pos} bytes after the end-of-image marker`);
      return { ok: true, ...frame };
    }
    if (marker === 0x00 || marker === 0xd8 || isStandalone(marker))
      return fail(
        `unexpected marker 0xFF${marker.toString(16).toUpperCase().padStart(2, '0')} at byte ${pos - 2}`,
      );
    if (pos + 2 > n) return fail('truncated segment length');
    const length = (bytes[pos]! << 8) | bytes[pos + 1]!;
    if (length < 2 || pos + length > n) return fail(`truncated segment at byte ${pos - 2}`);
    const body = pos + 2;
    if (isFrameHeader(marker)) {
      if (marker !== 0xc0 && marker !== 0xc1 && marker !== 0xc2)
        return fail(`unsupported coding (SOF${marker - 0xc0})`);
      if (frame) return fail('a second frame header');
      if (length < 8) return fail('frame header too short');
      const precision = bytes[body]!;
      const height = (bytes[body + 1]! << 8) | bytes[body + 2]!;
      const width = (bytes[body + 3]! << 8) | bytes[body + 4]!;
      const components = bytes[body + 5]!;
      if (precision !== 8) return fail(`${precision}-bit samples`);
      if (width === 0 || height === 0) return fail('zero width or height');
      if (width * height > maxPixels) return fail(`${width}×${height} exceeds ${maxPixels} pixels`);
      if (components !== 1 && components !== 3 && components !== 4) return fail(`${components} components`);
      if (length !== 8 + 3 * components) return fail('frame header length does not match its components');
      frame = { width, height, components, progressive: marker === 0xc2 };
    }
    pos += length;
    if (marker === 0xda) {
      if (!frame) return fail('a scan before the frame header');
      scans++;
      // Entropy-coded data: runs until a 0xFF that is neither stuffing (FF 00), a restart marker
      // (FF D0–D7) nor fill (FF FF, skipped at the next marker).
      for (;;) {
        while (pos < n && bytes[pos] !== 0xff) pos++;
        if (pos + 1 >= n) return fail('truncated scan data');
        const next = bytes[pos + 1]!;
        if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) pos += 2;
        else if (next === 0xff) pos++;
        else break;
      }
    }
  }
  return fail('no end-of-image marker');
}
