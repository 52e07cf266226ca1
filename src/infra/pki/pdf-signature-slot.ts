import { createHash } from 'node:crypto';
import { PdfArray, PdfNumber, PdfString } from '@libpdf/core';

/** How the ByteRange placeholder serialises: wide enough for any offset, patched in place. */
const BYTE_RANGE_TEXT = '[0 9999999999 9999999999 9999999999]';

/**
 * The two-phase trick every PDF signer uses, in one place: write the signature dictionary with a
 * fixed-width /ByteRange and a zero-filled /Contents hole, save (incrementally), then patch the real
 * ByteRange (everything except the hole, to the end of the file) and, once the CMS is built over those
 * bytes, fill the hole with its hex. The patches never change a byte count, so xref offsets stay right.
 */
export const pdfSignatureSlot = {
  /** Placeholder values to put in the signature dictionary before saving. */
  placeholders(contentsBytes: number): { ByteRange: PdfArray; Contents: PdfString } {
    const byteRange = new PdfArray([0, 9999999999, 9999999999, 9999999999].map((n) => PdfNumber.of(n)));
    return { ByteRange: byteRange, Contents: PdfString.fromBytes(new Uint8Array(contentsBytes)) };
  },

  /**
   * Find the placeholders written after `from` (the previous file length, so only the new revision is
   * searched), patch the ByteRange, and return the hole's position and the SHA-256 of the signed bytes.
   */
  prepare(
    file: Uint8Array,
    from: number,
    contentsBytes: number,
  ): { digest: Buffer; holeStart: number; holeEnd: number; byteRange: [number, number, number, number] } {
    const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
    const brAt = uniqueIndex(buf, Buffer.from(BYTE_RANGE_TEXT, 'latin1'), from, 'ByteRange placeholder');
    const hole = Buffer.from(`<${'0'.repeat(contentsBytes * 2)}>`, 'latin1');
    const holeStart = uniqueIndex(buf, hole, from, 'Contents placeholder');
    const holeEnd = holeStart + hole.length;
    const byteRange: [number, number, number, number] = [0, holeStart, holeEnd, buf.length - holeEnd];
    const text = `[${byteRange.join(' ')}`;
    if (text.length + 1 > BYTE_RANGE_TEXT.length) throw new Error('document too large for the ByteRange');
    buf.write(`${text.padEnd(BYTE_RANGE_TEXT.length - 1, ' ')}]`, brAt, 'latin1');
    const digest = createHash('sha256')
      .update(buf.subarray(0, holeStart))
      .update(buf.subarray(holeEnd))
      .digest();
    return { digest, holeStart, holeEnd, byteRange };
  },

  /** Write the DER into the hole (hex, zero-padded); throws if it does not fit. */
  fill(file: Uint8Array, holeStart: number, holeEnd: number, der: Uint8Array): void {
    const capacity = (holeEnd - holeStart - 2) / 2;
    if (der.length > capacity) throw new SlotTooSmallError(der.length, capacity);
    const hex = Buffer.from(der)
      .toString('hex')
      .toUpperCase()
      .padEnd(capacity * 2, '0');
    Buffer.from(file.buffer, file.byteOffset, file.byteLength).write(hex, holeStart + 1, 'latin1');
  },
};

/** The CMS did not fit the reserved /Contents; the caller retries with `needed` bytes. */
export class SlotTooSmallError extends Error {
  constructor(
    readonly needed: number,
    readonly capacity: number,
  ) {
    super(`signature needs ${needed} bytes but only ${capacity} were reserved`);
  }
}

function uniqueIndex(buf: Buffer, needle: Buffer, from: number, what: string): number {
  const at = buf.indexOf(needle, from);
  if (at === -1) throw new Error(`${what} not found in the new revision`);
  if (buf.indexOf(needle, at + 1) !== -1) throw new Error(`${what} found twice in the new revision`);
  return at;
}
