import { parseTlogProof } from './parse-tlog-proof';

/**
 * A tlog-proof (c2sp.org/tlog-proof, draft; store it with the `.tlog-proof` extension):
 * `c2sp.org/tlog-proof@v1\n`, `extra <base64>\n` when `extra` is given, `index <N>\n`, the inclusion-proof
 * hashes in base64 one per line (leaf's sibling first), an empty line, then the cosigned checkpoint note.
 * Throws RangeError when the result would not parse back (empty extra, index not a safe non-negative
 * integer, more than 63 hashes, a hash not 32 bytes, a note that is not a signed checkpoint).
 */
export function formatTlogProof(p: {
  extra?: Uint8Array;
  index: number;
  proof: readonly Uint8Array[];
  note: string;
}): string {
  const text =
    'c2sp.org/tlog-proof@v1\n' +
    (p.extra === undefined ? '' : `extra ${Buffer.from(p.extra).toString('base64')}\n`) +
    `index ${p.index}\n` +
    p.proof.map((hash) => `${Buffer.from(hash).toString('base64')}\n`).join('') +
    `\n${p.note}`;
  const back = parseTlogProof(text);
  if (!back.ok) throw new RangeError(back.reason);
  return text;
}
