import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { checkJpegStructure } from './check-jpeg-structure';

const maxPixels = 40e6;
/** A small real JPEG (jpeg-js's baseline encoder) with a comment segment. */
function sample(width = 48, height = 32): Uint8Array {
  const data = new Uint8Array(width * height * 4).map((_, i) => (i * 37) % 256);
  const encoded = jpeg.encode({ data, width, height }, 80).data;
  const comment = new Uint8Array([0xff, 0xfe, 0x00, 0x06, 0x61, 0x62, 0x63, 0x64]);
  return new Uint8Array([...encoded.subarray(0, 2), ...comment, ...encoded.subarray(2)]);
}
/** Offset of the first marker `marker` walking the segments (enough for these samples). */
function segmentAt(bytes: Uint8Array, marker: number): number {
  for (let i = 2; i + 1 < bytes.length; i++) if (bytes[i] === 0xff && bytes[i + 1] === marker) return i;
  throw new Error('marker not found');
}

describe('checkJpegStructure', () => {
  it('accepts a whole JPEG and reads its frame header', () => {
    expect(checkJpegStructure(sample(), { maxPixels })).toEqual({
      ok: true,
      width: 48,
      height: 32,
      components: 3,
      progressive: false,
    });
  });

  it('refuses the file cut at every length', () => {
    const bytes = sample();
    for (let cut = 0; cut < bytes.length; cut++)
      expect(checkJpegStructure(bytes.subarray(0, cut), { maxPixels }).ok, `cut at ${cut}`).toBe(false);
  });

  it('refuses bytes after the end-of-image marker, a second SOI and a missing scan', () => {
    const bytes = sample();
    expect(checkJpegStructure(new Uint8Array([...bytes, 0]), { maxPixels })).toMatchObject({ ok: false });
    const doubled = new Uint8Array([...bytes.subarray(0, 2), 0xff, 0xd8, ...bytes.subarray(2)]);
    expect(checkJpegStructure(doubled, { maxPixels })).toMatchObject({ ok: false });
    const sos = segmentAt(bytes, 0xda);
    const noScan = new Uint8Array([...bytes.subarray(0, sos), 0xff, 0xd9]);
    expect(checkJpegStructure(noScan, { maxPixels })).toEqual({ ok: false, reason: 'no scan' });
  });

  it('refuses a frame larger than the limit or of zero size before any decoding', () => {
    const bytes = sample();
    const sof = segmentAt(bytes, 0xc0);
    const huge = bytes.slice();
    huge.set([0xff, 0xff, 0xff, 0xff], sof + 5); // 65535 × 65535
    expect(checkJpegStructure(huge, { maxPixels })).toMatchObject({ ok: false });
    const empty = bytes.slice();
    empty.set([0, 0], sof + 5);
    expect(checkJpegStructure(empty, { maxPixels })).toMatchObject({ ok: false });
  });

  it('refuses codings other than baseline, extended and progressive Huffman', () => {
    const bytes = sample();
    const lossless = bytes.slice();
    lossless[segmentAt(bytes, 0xc0) + 1] = 0xc3;
    expect(checkJpegStructure(lossless, { maxPixels })).toEqual({
      ok: false,
      reason: 'unsupported coding (SOF3)',
    });
  });
});
