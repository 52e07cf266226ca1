/** A JSON value that canonical JSON can encode exactly: no floats, no undefined, no cycles. */
export type CanonicalValue =
  string | number | boolean | null | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values evidence leaves hold: object keys sorted by
 * UTF-16 code units, no whitespace, strings escaped as ECMAScript's JSON.stringify does (which JCS
 * adopts). Numbers are limited to safe integers so that every implementation prints them the same
 * way; anything else (floats, NaN, undefined, functions) throws, so a leaf can never hold a value two
 * verifiers would serialise differently.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new TypeError(`canonical JSON holds safe integers only, not ${value}`);
    return Object.is(value, -0) ? '0' : String(value);
  }
  // Loops and string concatenation rather than map/join: leaves are encoded on every request.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++)
      out += (i === 0 ? '' : ',') + canonicalJson(value[i] as CanonicalValue);
    return `${out}]`;
  }
  if (typeof value === 'object') {
    const object = value as { readonly [key: string]: CanonicalValue };
    const keys = Object.keys(object).sort();
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = object[k];
      if (v === undefined) throw new TypeError(`canonical JSON has no undefined (key ${k})`);
      out += `${i === 0 ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
    }
    return `${out}}`;
  }
  throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
}
