import { inflateSync } from 'node:zlib';
import type * as pkijs from 'pkijs';
import { pkiEncoding } from './pki-encoding';

/** Largest decoded DSS stream we accept (a certificate or CRL): a deflate bomb stops here. */
const MAX_STREAM_BYTES = 1 << 20;

/**
 * What the verifier needs beyond the signature dictionaries — each signature's field name and the DSS's
 * certificates, CRLs and OCSP responses — read straight from the bytes with bounded, linear scans. A full PDF parser
 * is not used on untrusted input: @libpdf/core's ran out of memory on a file with one corrupted byte.
 * Later definitions of an object (incremental updates) replace earlier ones, as in a reader.
 */
export function readSignatureStructure(pdf: Uint8Array): {
  fields: Map<number, string>;
  certificates: pkijs.Certificate[];
  crls: Uint8Array[];
  ocsps: Uint8Array[];
} {
  const bytes = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const text = bytes.toString('latin1');
  const objects = new Map<number, { start: number; end: number }>();
  for (const m of text.matchAll(/(\d{1,10})\s+\d{1,5}\s+obj\b/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    objects.set(Number(m[1]), { start, end });
  }
  const body = (n: number) => {
    const o = objects.get(n);
    return o === undefined ? undefined : text.slice(o.start, o.end);
  };

  const fields = new Map<number, string>();
  for (const [, o] of objects) {
    const dict = text.slice(o.start, o.end);
    if (!/\/FT\s*\/Sig\b/.test(dict)) continue;
    const v = /\/V\s+(\d{1,10})\s+\d{1,5}\s+R/.exec(dict);
    const name = /\/T\s*\(([^()\\]{0,200})\)/.exec(dict) ?? /\/T\s*<([0-9A-Fa-f\s]{0,800})>/.exec(dict);
    if (v === null || name === null) continue;
    const raw = name[0].includes('(')
      ? name[1]!
      : Buffer.from(name[1]!.replace(/\s/g, ''), 'hex').toString('latin1');
    fields.set(Number(v[1]), raw);
  }

  const stream = (n: number): Buffer | undefined => {
    const o = objects.get(n);
    if (o === undefined) return undefined;
    const head = text.indexOf('stream', o.start);
    if (head < 0 || head > o.end) return undefined;
    const dict = text.slice(o.start, head);
    let from = head + 'stream'.length;
    if (text[from] === '\r') from++;
    if (text[from] === '\n') from++;
    const length = /\/Length\s+(\d{1,9})(?!\s+\d+\s+R)/.exec(dict);
    const to = length ? from + Number(length[1]) : text.lastIndexOf('endstream', o.end);
    if (to < from || to > o.end) return undefined;
    const data = bytes.subarray(from, to);
    if (!/\/Filter\s*\/FlateDecode/.test(dict)) return Buffer.from(data);
    try {
      return inflateSync(data, { maxOutputLength: MAX_STREAM_BYTES });
    } catch {
      return undefined;
    }
  };
  const refsIn = (dict: string, key: string) => {
    const list = new RegExp(`/${key}\\s*\\[([^\\]]{0,20000})\\]`).exec(dict);
    return list ? [...list[1]!.matchAll(/(\d{1,10})\s+\d{1,5}\s+R/g)].map((m) => Number(m[1])) : [];
  };

  let certificates: pkijs.Certificate[] = [];
  let crls: Uint8Array[] = [];
  let ocsps: Uint8Array[] = [];
  const catalog = [...objects.keys()]
    .map((n) => body(n)!)
    .filter((d) => /\/Type\s*\/Catalog\b/.test(d) && /\/DSS\s+\d+\s+\d+\s+R/.test(d))
    .at(-1);
  const dssRef = catalog && /\/DSS\s+(\d{1,10})\s+\d{1,5}\s+R/.exec(catalog);
  const dss = dssRef ? body(Number(dssRef[1])) : undefined;
  if (dss !== undefined) {
    crls = refsIn(dss, 'CRLs').flatMap((n) => stream(n) ?? []);
    ocsps = refsIn(dss, 'OCSPs').flatMap((n) => stream(n) ?? []);
    certificates = refsIn(dss, 'Certs').flatMap((n) => {
      const der = stream(n);
      if (der === undefined) return [];
      try {
        return [pkiEncoding.certificate(der)];
      } catch {
        return [];
      }
    });
  }
  return { fields, certificates, crls, ocsps };
}
