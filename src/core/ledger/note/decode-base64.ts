const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard base64 (RFC 4648 §4) strictly: padding required, no whitespace, and only the canonical
 * encoding (unused trailing bits zero), so each byte string has exactly one accepted text. Node's own
 * decoder silently skips bad characters, which a parser of signed data must not do. Returns undefined
 * when `text` is not canonical base64.
 */
export function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
