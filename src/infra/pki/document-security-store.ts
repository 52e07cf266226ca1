import { createHash } from 'node:crypto';
import { PdfArray, PdfDict, PdfName, PdfRef, PdfStream, type PDF, type PdfObject } from '@libpdf/core';
import { cmsCertificates } from './cms-certificates';

/**
 * Write (or extend) the PAdES Document Security Store in `doc` (not saved here): every certificate
 * each signature needs — its chain and its timestamp authority's, read from the CMS — plus `extra`
 * certificates, the CRLs and the OCSP responses (DER OCSPResponse), each stored once as a stream,
 * and a VRI entry per signature (key: upper-case SHA-1 of its /Contents bytes, ETSI EN 319 142-1
 * §5.4.2.2) naming its certificates and this round's CRLs and OCSP responses (all of them, as with
 * the CRLs: a verifier picks the one about the certificate it checks). An existing DSS (a document
 * finished before, now being re-timestamped) is merged, never dropped.
 */
export function writeDocumentSecurityStore(
  doc: PDF,
  {
    signatures,
    extra,
    crls,
    ocsps = [],
  }: { signatures: Uint8Array[]; extra: Uint8Array[]; crls: Uint8Array[]; ocsps?: Uint8Array[] },
): void {
  const resolve = (ref: PdfRef) => doc.getObject(ref);
  const old = doc.getCatalog().getDict('DSS', resolve);
  const certs = new Store(doc, old?.getArray('Certs', resolve), resolve);
  const crlStore = new Store(doc, old?.getArray('CRLs', resolve), resolve);
  const ocspStore = new Store(doc, old?.getArray('OCSPs', resolve), resolve);
  const vri = old?.getDict('VRI', resolve)?.clone() ?? new PdfDict();

  extra.forEach((der) => certs.add(der));
  const crlRefs = crls.map((der) => crlStore.add(der));
  const ocspRefs = ocsps.map((der) => ocspStore.add(der));
  for (const contents of signatures) {
    const refs = cmsCertificates(contents).map((der) => certs.add(der));
    const key = createHash('sha1').update(contents).digest('hex').toUpperCase();
    const entry = PdfDict.of({ Cert: new PdfArray(refs), CRL: new PdfArray(crlRefs) });
    if (ocspRefs.length > 0) entry.set('OCSP', new PdfArray(ocspRefs));
    vri.set(key, entry);
  }
  const dss = PdfDict.of({
    Type: PdfName.of('DSS'),
    Certs: new PdfArray(certs.refs()),
    CRLs: new PdfArray(crlStore.refs()),
    VRI: vri,
  });
  if (ocspStore.refs().length > 0) dss.set('OCSPs', new PdfArray(ocspStore.refs()));
  doc.getCatalog().set('DSS', doc.register(dss));
}

/** DER blobs stored once each as streams, keyed by SHA-256, seeded from an existing DSS array. */
class Store {
  readonly #byHash = new Map<string, PdfRef>();

  constructor(
    private readonly doc: PDF,
    existing: PdfArray | undefined,
    resolve: (ref: PdfRef) => PdfObject | null,
  ) {
    for (const item of existing?.toArray() ?? []) {
      const stream = item instanceof PdfRef ? resolve(item) : null;
      if (item instanceof PdfRef && stream instanceof PdfStream)
        this.#byHash.set(hash(stream.getDecodedData()), item);
    }
  }

  add(der: Uint8Array): PdfRef {
    const key = hash(der);
    let ref = this.#byHash.get(key);
    if (!ref) this.#byHash.set(key, (ref = this.doc.createStream({}, der)));
    return ref;
  }

  refs(): PdfRef[] {
    return [...this.#byHash.values()];
  }
}

function hash(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}
