import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const certificateDer = new WeakMap<object, Buffer>();

/**
 * DER/PEM plumbing shared by the PKI files. pkijs wants ArrayBuffers and parsed objects; config and
 * tools (openssl, pdfsig) want PEM; PDFs carry DER. Keeping the conversions here keeps the CA, TSA and
 * PAdES code about PKI rather than about byte shuffling.
 */
export const pkiEncoding = {
  /** An exact-length ArrayBuffer copy of `bytes` (pkijs and asn1js reject views into larger buffers). */
  arrayBuffer(bytes: Uint8Array): ArrayBuffer {
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  },

  /** Parse one DER value, failing loudly on trailing garbage or a bad encoding. */
  parseDer(der: Uint8Array, what: string): asn1js.AsnType {
    const parsed = asn1js.fromBER(pkiEncoding.arrayBuffer(der));
    if (parsed.offset === -1) throw new Error(`${what}: not valid DER (${parsed.result.error})`);
    return parsed.result;
  },

  /** A certificate from DER bytes or a PEM text (its DER is remembered, see {@link pkiEncoding.der}). */
  certificate(input: Uint8Array | string): pkijs.Certificate {
    const der = typeof input === 'string' ? pkiEncoding.pemToDer(input, 'CERTIFICATE') : input;
    const cert = new pkijs.Certificate({ schema: pkiEncoding.parseDer(der, 'certificate') });
    certificateDer.set(cert, Buffer.from(der));
    return cert;
  },

  /**
   * DER bytes of a pkijs object (certificate, CRL, ContentInfo ...). Certificates are cached: pkijs
   * re-parses a certificate's TBS on every `toSchema()` (about a millisecond), and a signature needs
   * each chain certificate's DER several times. Certificates are never mutated after parsing here.
   */
  der(object: { toSchema(): asn1js.AsnType }): Buffer {
    const cached = certificateDer.get(object);
    if (cached) return cached;
    const der = Buffer.from(object.toSchema().toBER(false));
    if (object instanceof pkijs.Certificate) certificateDer.set(object, der);
    return der;
  },

  /** The first PEM block of the given label (or any label) as DER. */
  pemToDer(pem: string, label?: string): Buffer {
    const blocks = pkiEncoding.pemBlocks(pem).filter((b) => label === undefined || b.label === label);
    const first = blocks[0];
    if (!first) throw new Error(`no ${label ?? ''} PEM block found`);
    return first.der;
  },

  /** Every PEM block in a text, in order. */
  pemBlocks(pem: string): { label: string; der: Buffer }[] {
    const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
    return [...pem.matchAll(re)].map((m) => ({
      label: m[1] ?? '',
      der: Buffer.from((m[2] ?? '').replace(/\s+/g, ''), 'base64'),
    }));
  },

  /** PEM text for DER bytes (64-column base64, trailing newline), as openssl writes it. */
  toPem(der: Uint8Array, label: string): string {
    const b64 = Buffer.from(der).toString('base64');
    return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
  },

  /** A PDF /Contents value is the DER followed by zero padding; keep exactly the outer TLV. */
  stripPadding(contents: Uint8Array): Uint8Array {
    if (contents[0] !== 0x30 || contents.length < 2) return contents;
    const first = contents[1] ?? 0;
    if (first < 0x80) return contents.subarray(0, 2 + first);
    const n = first & 0x7f;
    let length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + (contents[2 + i] ?? 0);
    return contents.subarray(0, Math.min(contents.length, 2 + n + length));
  },

  /**
   * Whether two OIDs are the same, as asn1js reads them back: asn1js prints an arc above 2^53 (our
   * UUID arc) as `{hex}`, so an OID from a parsed certificate never equals its dotted source string.
   */
  sameOid(parsed: string, dotted: string): boolean {
    const roundTrip = asn1js.fromBER(new asn1js.ObjectIdentifier({ value: dotted }).toBER(false)).result;
    return (
      parsed === dotted || (roundTrip instanceof asn1js.ObjectIdentifier && roundTrip.getValue() === parsed)
    );
  },

  /** Lower-case hex of a certificate's serial number (no leading zero byte). */
  serialHex(cert: pkijs.Certificate): string {
    return Buffer.from(cert.serialNumber.valueBlock.valueHexView)
      .toString('hex')
      .replace(/^(00)+(?=.)/, '');
  },
};
