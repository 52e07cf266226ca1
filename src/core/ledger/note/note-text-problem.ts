/**
 * What makes `text` unfit to appear in a signed note (C2SP signed-note v1.0.0 "Format"): it must be
 * valid Unicode (no lone surrogates, so it encodes to valid UTF-8) and contain no ASCII control character
 * other than newline. Returns undefined when the text is fine.
 */
export function noteTextProblem(text: string): string | undefined {
  if (/\p{Cs}/u.test(text)) return 'not valid UTF-8 (lone surrogate)';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a)
      return `control character U+${c.toString(16).padStart(4, '0')} at offset ${i}`;
  }
  return undefined;
}
