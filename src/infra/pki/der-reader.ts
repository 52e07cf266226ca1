/** One DER element inside a buffer: its tag, and where its value starts and ends. */
export interface DerElement {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first value byte. */
  valueStart: number;
  /** Offset after the last value byte. */
  end: number;
}

/**
 * A minimal DER walker (definite lengths, single-byte tags — all CMS and X.509 use), for pulling
 * certificates and timestamp tokens out of signatures without building pkijs objects: asn1js/pkijs
 * schema matching costs milliseconds per certificate, and finishing a contract touches dozens.
 */
export const derReader = {
  element(buf: Uint8Array, at: number): DerElement {
    const tag = buf[at];
    let lengthByte = buf[at + 1];
    if (tag === undefined || lengthByte === undefined) throw new Error('DER: truncated');
    if ((tag & 0x1f) === 0x1f) throw new Error('DER: multi-byte tags are not supported');
    let valueStart = at + 2;
    let length = lengthByte;
    if (lengthByte & 0x80) {
      const n = lengthByte & 0x7f;
      if (n === 0 || n > 4) throw new Error('DER: indefinite or oversized length');
      length = 0;
      for (let i = 0; i < n; i++) {
        lengthByte = buf[valueStart + i];
        if (lengthByte === undefined) throw new Error('DER: truncated length');
        length = length * 256 + lengthByte;
      }
      valueStart += n;
    }
    const end = valueStart + length;
    if (end > buf.length) throw new Error('DER: element runs past the end');
    return { tag, start: at, valueStart, end };
  },

  /** The elements inside a constructed element. */
  children(buf: Uint8Array, parent: DerElement): DerElement[] {
    const out: DerElement[] = [];
    for (let at = parent.valueStart; at < parent.end;) {
      const child = derReader.element(buf, at);
      out.push(child);
      at = child.end;
    }
    return out;
  },

  bytes(buf: Uint8Array, el: DerElement): Buffer {
    return Buffer.from(buf.subarray(el.start, el.end));
  },
};
