import { noteLimits } from './note-limits';
import { noteTextProblem } from './note-text-problem';
import { parseSignatureLine, type NoteSignature } from './parse-signature-line';
import type { Parsed } from './parsed';

/**
 * Splits a signed note (C2SP signed-note v1.0.0) into its text and signature lines, without verifying
 * anything. The note must be valid UTF-8 without control characters other than newline; the text (which
 * ends with its newline) is separated from the signatures by the last empty line; there must be one to
 * `noteLimits.maxSignatures` (100) well-formed signature lines, each ending with a newline.
 */
export function parseNote(note: string): Parsed<{ text: string; signatures: NoteSignature[] }> {
  const problem = noteTextProblem(note);
  if (problem !== undefined) return { ok: false, reason: `note: ${problem}` };
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return { ok: false, reason: 'note: no empty line before the signatures' };
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block === '') return { ok: false, reason: 'note: no signature lines' };
  if (!block.endsWith('\n'))
    return { ok: false, reason: 'note: the last signature line has no final newline' };
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > noteLimits.maxSignatures)
    return { ok: false, reason: `note: more than ${noteLimits.maxSignatures} signatures` };
  const signatures: NoteSignature[] = [];
  for (const [i, line] of lines.entries()) {
    const signature = parseSignatureLine(line);
    if (!signature.ok) return { ok: false, reason: `note: signature line ${i + 1}: ${signature.reason}` };
    signatures.push(signature.value);
  }
  return { ok: true, value: { text, signatures } };
}
