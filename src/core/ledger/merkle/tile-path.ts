import { TILE_WIDTH } from './tile-constants';

/** C2SP tlog-tiles allows tile levels 0..63. */
const MAX_TILE_LEVEL = 63;

/** N as 3-digit groups, all but the last prefixed with `x`: 1234067 → x001/x234/067, 5 → 005. */
function formatIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`not a tile index: ${index}`);
  const digits = String(index);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < padded.length; i += 3) groups.push(padded.slice(i, i + 3));
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function formatWidth(width: number): string {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    throw new RangeError(`not a tile width: ${width}`);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/**
 * The C2SP tlog-tiles path of a hash tile, `tile/<L>/<N>[.p/<W>]` (e.g. `tile/0/x001/x234/067.p/5`),
 * relative to the log's prefix. Full tiles (width 256) have no `.p/` suffix; these are the only names
 * clients and monitors will ask for, so there is exactly one per tile. Throws RangeError on values that
 * have no path (level outside 0..63, width outside 1..256, index not a safe non-negative integer).
 */
export function formatTilePath({
  level,
  index,
  width,
}: {
  level: number;
  index: number;
  width: number;
}): string {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL)
    throw new RangeError(`not a tile level: ${level}`);
  return `tile/${level}/${formatIndex(index)}${formatWidth(width)}`;
}

/**
 * The C2SP tlog-tiles path of an entry bundle, `tile/entries/<N>[.p/<W>]`, holding entries 256·N onwards
 * as uint16-big-endian-length-prefixed byte strings. Same encoding and errors as `formatTilePath`.
 */
export function formatEntriesPath({ index, width }: { index: number; width: number }): string {
  return `tile/entries/${formatIndex(index)}${formatWidth(width)}`;
}
