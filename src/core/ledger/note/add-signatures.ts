import { noteLimits } from './note-limits';
import { parseNote } from './parse-note';
import { parseSignatureLine } from './parse-signature-line';

/**
 * Appends already formatted signature lines (for example witness cosignatures, as a tlog-witness
 * add-checkpoint response carries them) to a signed note. Each line is `— <name> <base64>` with or
 * without its final newline. Existing signatures are kept; a line whose (name, key ID) is already in the
 * note, or earlier in `lines`, is dropped. Nothing is verified here. Throws RangeError when the note or a
 * line is malformed, or the result would hold more than 100 signatures.
 */
export function addSignatures(note: string, lines: readonly string[]): string {
  const parsed = parseNote(note);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  const seen = new Set(parsed.value.signatures.map((s) => `${s.name} ${s.keyId.toString('hex')}`));
  let added = '';
  for (const raw of lines) {
    const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    const signature = parseSignatureLine(line);
    if (!signature.ok) throw new RangeError(`signature line: ${signature.reason}`);
    const key = `${signature.value.name} ${signature.value.keyId.toString('hex')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    added += `${line}\n`;
  }
  if (seen.size > noteLimits.maxSignatures)
    throw new RangeError(`a note holds at most ${noteLimits.maxSignatures} signatures`);
  return note + added;
}
