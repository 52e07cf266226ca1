import { parseCheckpoint } from './parse-checkpoint';

/**
 * The note text of a checkpoint (c2sp.org/tlog-checkpoint v1.0.0): `<origin>\n<size>\n<base64 root>\n`
 * then one line per extension (NOT RECOMMENDED by the spec, since monitors cannot audit them). Throws
 * RangeError when the result would not parse back: empty origin or extension, a newline or control
 * character in them, a size that is not an integer from 0 to 2^53 - 1, or a root that is not 32 bytes.
 */
export function formatCheckpoint(c: {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions?: readonly string[];
}): string {
  const extensions = c.extensions ?? [];
  if ([c.origin, ...extensions].some((line) => line.includes('\n')))
    throw new RangeError('checkpoint lines cannot contain a newline');
  if (!Number.isSafeInteger(c.size) || c.size < 0)
    throw new RangeError('a tree size is an integer from 0 to 2^53 - 1');
  const text = [c.origin, String(c.size), Buffer.from(c.root).toString('base64'), ...extensions]
    .map((line) => `${line}\n`)
    .join('');
  const back = parseCheckpoint(text);
  if (!back.ok) throw new RangeError(back.reason);
  return text;
}
