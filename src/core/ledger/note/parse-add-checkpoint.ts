import { parseDecimal } from './parse-decimal';
import type { Parsed } from './parsed';
import { splitProofAndNote } from './split-proof-and-note';

/** The body of a tlog-witness add-checkpoint request (c2sp.org/tlog-witness v1.0.0). */
export interface AddCheckpoint {
  oldSize: number;
  proof: Buffer[];
  note: string;
}

/**
 * Reads an add-checkpoint request body (c2sp.org/tlog-witness v1.0.0): `old <size>\n`, at most 63
 * consistency-proof lines (base64 SHA-256 hashes), an empty line, then the signed checkpoint note.
 * Only the syntax is checked: whether old size ≤ checkpoint size (else 400), the proof is empty for old
 * size 0, the proof verifies (else 422) and the signatures verify (else 403) is the witness's job.
 */
export function parseAddCheckpoint(body: string): Parsed<AddCheckpoint> {
  const end = body.indexOf('\n');
  const first = end < 0 ? body : body.slice(0, end);
  if (!first.startsWith('old ') || end < 0)
    return { ok: false, reason: 'add-checkpoint: the first line is not "old <size>"' };
  const oldSize = parseDecimal(first.slice(4));
  if (oldSize === undefined)
    return {
      ok: false,
      reason: 'add-checkpoint: the old size is not a decimal number without leading zeroes',
    };
  const rest = splitProofAndNote(body.slice(end + 1), 'add-checkpoint');
  if (!rest.ok) return rest;
  return { ok: true, value: { oldSize, ...rest.value } };
}
