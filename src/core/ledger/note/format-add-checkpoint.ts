import { parseAddCheckpoint } from './parse-add-checkpoint';

/**
 * The body of a tlog-witness add-checkpoint request (c2sp.org/tlog-witness v1.0.0): `old <size>\n`, one
 * base64 line per consistency-proof hash, an empty line, then the signed checkpoint note. Throws RangeError
 * when the result would not parse back (size not a safe non-negative integer, more than 63 hashes, a hash
 * not 32 bytes, a note that is not a signed checkpoint).
 */
export function formatAddCheckpoint(request: {
  oldSize: number;
  proof: readonly Uint8Array[];
  note: string;
}): string {
  const body =
    `old ${request.oldSize}\n` +
    request.proof.map((hash) => `${Buffer.from(hash).toString('base64')}\n`).join('') +
    `\n${request.note}`;
  const back = parseAddCheckpoint(body);
  if (!back.ok) throw new RangeError(back.reason);
  return body;
}
