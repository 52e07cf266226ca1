import { TILE_WIDTH } from './tile-constants';

/**
 * The partial tiles (width < 256) of a tree of `size` leaves, one per tile level at most, lowest level
 * first. Tile level L holds one hash per complete tile of level L − 1, so it has floor(size / 256^L)
 * hashes; a level whose count is not a multiple of 256 ends in a partial tile. These are the only tiles
 * `integrateLeaves` reads, so a store can fetch them up front.
 */
export function rightEdgeTiles(size: number): { level: number; index: number; width: number }[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`not a tree size: ${size}`);
  const tiles: { level: number; index: number; width: number }[] = [];
  for (let level = 0, count = size; count > 0; level++, count = Math.floor(count / TILE_WIDTH)) {
    const width = count % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: Math.floor(count / TILE_WIDTH), width });
  }
  return tiles;
}
