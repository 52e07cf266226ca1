/**
 * The pieces of an e-mail message on the wire (RFC 5322, 2045, 2047, 5321), pure functions so they
 * can be tested on their own.
 */

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/**
 * A header value as RFC 2047 encoded words (`=?UTF-8?B?…?=`) when it is not plain ASCII: each word
 * at most 75 characters, split between characters (never inside a UTF-8 sequence), folded onto
 * continuation lines.
 */
export function encodeHeaderWords(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (isAscii(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  // 45 bytes of UTF-8 → 60 base64 characters → 72 with the =?UTF-8?B?…?= frame.
  for (const ch of clean) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Quoted-printable (RFC 2045 §6.7) of UTF-8 text whose lines end in CRLF; soft breaks keep lines ≤ 76. */
export function quotedPrintable(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let width = 0;
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        const isLast = i === bytes.length - 1;
        const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !isLast);
        const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (width + piece.length > 75) {
          out += '=\r\n';
          width = 0;
        }
        out += piece;
        width += piece.length;
      }
      return out;
    })
    .join('\r\n');
}

/** SMTP transparency (RFC 5321 §4.5.2): a line that starts with a dot gets another. */
export function dotStuff(crlfText: string): string {
  return crlfText
    .split('\r\n')
    .map((line) => (line.startsWith('.') ? `.${line}` : line))
    .join('\r\n');
}

/** Text with every line ending made CRLF. */
export const toCrlf = (text: string): string => text.replace(/\r\n|\r|\n/g, '\r\n');

/** An address that can go into MAIL FROM / RCPT TO and a header unchanged. */
export const isSafeAddress = (address: string): boolean =>
  /^[^\s<>()",;:\\@]+@[^\s<>()",;:\\@]+$/.test(address);

/**
 * The whole message (headers and body, CRLF line endings, not yet dot-stuffed): 8bit body when the
 * server offers 8BITMIME and every line is short enough, quoted-printable otherwise.
 */
export function buildMessage({
  from,
  to,
  subject,
  text,
  date,
  messageId,
  is8bit,
}: {
  from: string;
  to: string;
  subject: string;
  text: string;
  date: Date;
  messageId: string;
  is8bit: boolean;
}): { data: string; is8bit: boolean } {
  const body = toCrlf(text.endsWith('\n') ? text : `${text}\n`);
  const canUse8bit = is8bit && body.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 998);
  const headers = [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${encodeHeaderWords(subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    `Content-Transfer-Encoding: ${canUse8bit ? '8bit' : 'quoted-printable'}`,
  ];
  return {
    data: `${headers.join('\r\n')}\r\n\r\n${canUse8bit ? body : quotedPrintable(body)}`,
    is8bit: canUse8bit,
  };
}
