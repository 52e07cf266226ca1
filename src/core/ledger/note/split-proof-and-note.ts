import { decodeBase64 } from './decode-base64';
import { noteLimits } from './note-limits';
import { parseCheckpoint } from './parse-checkpoint';
import { parseNote } from './parse-note';
import type { Parsed } from './parsed';

/**
 * Reads the common tail of a tlog-witness add-checkpoint body and of a tlog-proof: zero to 63 lines of one
 * base64 SHA-256 hash each, an empty line, then a signed checkpoint note (well-formed note whose text is a
 * checkpoint; signatures are not verified). `what` prefixes the reasons.
 */
export function splitProofAndNote(body: string, what: string): Parsed<{ proof: Buffer[]; note: string }> {
  const proof: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = body.indexOf('\n', at);
    if (end < 0) return { ok: false, reason: `${what}: no empty line before the checkpoint` };
    const line = body.slice(at, end);
    at = end + 1;
    if (line === '') break;
    if (proof.length === noteLimits.maxProofHashes)
      return { ok: false, reason: `${what}: more than ${noteLimits.maxProofHashes} proof lines` };
    const hash = decodeBase64(line);
    if (hash === undefined || hash.length !== 32)
      return { ok: false, reason: `${what}: proof line ${proof.length + 1} is not a base64 SHA-256 hash` };
    proof.push(hash);
  }
  const note = body.slice(at);
  const parsed = parseNote(note);
  if (!parsed.ok) return { ok: false, reason: `${what}: ${parsed.reason}` };
  const checkpoint = parseCheckpoint(parsed.value.text);
  if (!checkpoint.ok) return { ok: false, reason: `${what}: ${checkpoint.reason}` };
  return { ok: true, value: { proof, note } };
}
