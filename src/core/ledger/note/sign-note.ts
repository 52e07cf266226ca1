import { formatSignatureLine } from './format-signature-line';
import { noteLimits } from './note-limits';
import type { NoteSigner } from './note-signer';
import { noteTextProblem } from './note-text-problem';

/**
 * Signs `text` with each signer and returns the signed note (C2SP signed-note v1.0.0): the text, an empty
 * line, then one signature line per signer in the given order. The text must be non-empty, end with a
 * newline and contain no control characters other than newline; throws RangeError otherwise, or when the
 * signers are none, more than 100, or repeat a (name, key ID).
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new RangeError('note text must end with a newline');
  const problem = noteTextProblem(text);
  if (problem !== undefined) throw new RangeError(`note text: ${problem}`);
  if (signers.length === 0) throw new RangeError('a note needs at least one signer');
  if (signers.length > noteLimits.maxSignatures)
    throw new RangeError(`more than ${noteLimits.maxSignatures} signers`);
  const seen = new Set<string>();
  for (const s of signers) {
    const key = `${s.name} ${s.keyId.toString('hex')}`;
    if (seen.has(key)) throw new RangeError(`signer ${s.name} appears twice`);
    seen.add(key);
  }
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => formatSignatureLine(s.name, s.keyId, s.sign(message)));
  return `${text}\n${lines.join('')}`;
}
