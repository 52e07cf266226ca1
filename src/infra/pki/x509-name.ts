import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { PKI_OIDS } from './pki-oids';

const SHORT: Record<string, string> = {
  CN: '2.5.4.3',
  C: '2.5.4.6',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  serialNumber: '2.5.4.5',
  organizationIdentifier: PKI_OIDS.organizationIdentifier,
};
const LONG = Object.fromEntries(Object.entries(SHORT).map(([k, v]) => [v, k]));
/** Attributes X.520 restricts to PrintableString; everything else is UTF8String (Chinese names). */
const PRINTABLE = new Set([SHORT.C, SHORT.serialNumber]);

/** A distinguished-name attribute, in the order it appears in the name. */
export type NameAttribute = [type: keyof typeof SHORT | (string & {}), value: string];

/**
 * Build and read X.509 distinguished names. Values are UTF8String (Chinese signer and bank names)
 * except where X.520 demands PrintableString, and one attribute per RDN, as every CA does.
 */
export const x509Name = {
  build(attributes: NameAttribute[]): pkijs.RelativeDistinguishedNames {
    // pkijs would put every attribute into ONE multi-valued RDN (CN=a+O=b); encode one SET per
    // attribute ourselves and parse it back, so the object keeps exactly these bytes.
    const sequence = new asn1js.Sequence({
      value: attributes.map(([type, value]) => {
        const oid = SHORT[type] ?? type;
        const atv = new pkijs.AttributeTypeAndValue({
          type: oid,
          value: PRINTABLE.has(oid)
            ? new asn1js.PrintableString({ value })
            : new asn1js.Utf8String({ value }),
        });
        return new asn1js.Set({ value: [atv.toSchema()] });
      }),
    });
    const der = new Uint8Array(sequence.toBER(false));
    return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(der).result });
  },

  /** The first value of an attribute (`'CN'`, or an OID), if present. */
  get(name: pkijs.RelativeDistinguishedNames, type: string): string | undefined {
    const oid = SHORT[type] ?? type;
    const found = name.typesAndValues.find((t) => t.type === oid);
    return found ? String(found.value.valueBlock.value) : undefined;
  },

  /** `CN=…, O=…` in certificate order, for reports and logs. */
  format(name: pkijs.RelativeDistinguishedNames): string {
    return name.typesAndValues
      .map((t) => `${LONG[t.type] ?? t.type}=${String(t.value.valueBlock.value)}`)
      .join(', ');
  },
};
