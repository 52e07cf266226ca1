import { decodeBase64 } from './decode-base64';
import { parseDecimal } from './parse-decimal';
import type { Parsed } from './parsed';
import { splitProofAndNote } from './split-proof-and-note';

/** An offline inclusion proof (c2sp.org/tlog-proof, draft), as stored in a `.tlog-proof` file. */
export interface TlogProof {
  /** Opaque application data; not authenticated, never trust it without checking. */
  extra?: Buffer;
  index: number;
  proof: Buffer[];
  note: string;
}

const HEADER = 'c2sp.org/tlog-proof@v1\n';

/**
 * Reads a tlog-proof (c2sp.org/tlog-proof, draft): `c2sp.org/tlog-proof@v1\n`, optionally
 * `extra <base64>\n` (non-empty), `index <N>\n`, zero to 63 base64 inclusion-proof hashes one per line, an
 * empty line, then the (cosigned) checkpoint note. Only the syntax is checked: that the index is below the
 * tree size, the proof verifies and the signatures verify is the verifier's job.
 */
export function parseTlogProof(text: string): Parsed<TlogProof> {
  if (!text.startsWith(HEADER))
    return { ok: false, reason: 'tlog-proof: the first line is not c2sp.org/tlog-proof@v1' };
  let at = HEADER.length;
  let end = text.indexOf('\n', at);
  if (end < 0) return { ok: false, reason: 'tlog-proof: no index line' };
  let line = text.slice(at, end);
  let extra: Buffer | undefined;
  if (line.startsWith('extra ')) {
    extra = decodeBase64(line.slice(6));
    if (extra === undefined || extra.length === 0)
      return { ok: false, reason: 'tlog-proof: the extra data is not non-empty base64' };
    at = end + 1;
    end = text.indexOf('\n', at);
    if (end < 0) return { ok: false, reason: 'tlog-proof: no index line' };
    line = text.slice(at, end);
  }
  if (!line.startsWith('index ')) return { ok: false, reason: 'tlog-proof: no "index <N>" line' };
  const index = parseDecimal(line.slice(6));
  if (index === undefined)
    return { ok: false, reason: 'tlog-proof: the index is not a decimal number without leading zeroes' };
  const rest = splitProofAndNote(text.slice(end + 1), 'tlog-proof');
  if (!rest.ok) return rest;
  return { ok: true, value: { ...(extra === undefined ? {} : { extra }), index, ...rest.value } };
}
