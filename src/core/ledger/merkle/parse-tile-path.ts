import { TILE_WIDTH } from './tile-constants';

/** What a tile path names: a hash tile or an entry bundle, with width 256 for full ones. */
export type ParsedTilePath =
  | { kind: 'hashes'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

/** Level without leading zeros, up to six 3-digit groups (enough for 2^53), optional partial width. */
const TILE_PATH =
  /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/){0,5}[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/;

/** C2SP tlog-tiles allows tile levels 0..63. */
const MAX_TILE_LEVEL = 63;

/**
 * Reads a C2SP tlog-tiles path (as it comes after the log prefix, e.g. `tile/0/x001/x234/067.p/5` or
 * `tile/entries/005`). Accepts only the canonical form that `formatTilePath` / `formatEntriesPath`
 * produce, so each tile has one URL and caches cannot be split or poisoned by aliases: no leading zeros
 * in the level or width, no leading `x000` group, width 1..255 after `.p/` (a full tile has no suffix),
 * level 0..63, index within 2^53. Anything else → undefined.
 */
export function parseTilePath(path: string): ParsedTilePath | undefined {
  const match = TILE_PATH.exec(path);
  if (!match) return undefined;
  const [, levelText, indexText, widthText] = match;
  const groups = indexText!.split('/');
  if (groups.length > 1 && groups[0] === 'x000') return undefined;
  const index = Number(groups.map((g) => g.replace('x', '')).join(''));
  if (!Number.isSafeInteger(index)) return undefined;
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH) return undefined;
  if (levelText === 'entries') return { kind: 'entries', index, width };
  const level = Number(levelText);
  if (level > MAX_TILE_LEVEL) return undefined;
  return { kind: 'hashes', level, index, width };
}
