import { decodeBase64 } from './decode-base64';
import { noteTextProblem } from './note-text-problem';
import { parseDecimal } from './parse-decimal';
import type { Parsed } from './parsed';

/** A transparency-log checkpoint body (c2sp.org/tlog-checkpoint v1.0.0). */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions: string[];
}

/**
 * Reads checkpoint note text (c2sp.org/tlog-checkpoint v1.0.0): origin line (non-empty), tree size
 * (canonical decimal, at most 2^53 - 1), root hash (standard base64 of exactly 32 bytes), then optional
 * non-empty extension lines; every line ends with a newline. Pass the text of a parsed note, not the
 * signed note itself.
 */
export function parseCheckpoint(text: string): Parsed<Checkpoint> {
  const problem = noteTextProblem(text);
  if (problem !== undefined) return { ok: false, reason: `checkpoint: ${problem}` };
  if (!text.endsWith('\n')) return { ok: false, reason: 'checkpoint: missing final newline' };
  const lines = text.slice(0, -1).split('\n');
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  if (lines.length < 3) return { ok: false, reason: 'checkpoint: fewer than three lines' };
  if (origin === '') return { ok: false, reason: 'checkpoint: empty origin' };
  const size = parseDecimal(sizeText);
  if (size === undefined)
    return {
      ok: false,
      reason: /^0[0-9]/.test(sizeText)
        ? 'checkpoint: tree size has a leading zero'
        : 'checkpoint: tree size is not a decimal number up to 2^53 - 1',
    };
  const root = decodeBase64(rootText);
  if (root === undefined || root.length !== 32)
    return { ok: false, reason: 'checkpoint: root hash is not 32 bytes of base64' };
  if (extensions.includes('')) return { ok: false, reason: 'checkpoint: empty extension line' };
  return { ok: true, value: { origin, size, root, extensions } };
}
