import { merkleRoot } from './merkle-root';
import { TILE_WIDTH } from './tile-constants';

const HASH_BYTES = 32;

/** A tile to write: its full new content, width = hashes.length / 32. */
export interface IntegratedTile {
  readonly level: number;
  readonly index: number;
  readonly hashes: Buffer;
}

/**
 * Appends leaf hashes to a tiled tree (C2SP tlog-tiles) of `size` leaves, as Tessera integrates: pure
 * maths over the stored hashes it needs, returning the tiles to write so a storage driver can persist
 * them in one transaction. At each tile level the new hashes extend the right-edge tile (read through
 * `readTile`, which returns the stored bytes, possibly partial or empty; only right-edge partial tiles
 * are read, see `rightEdgeTiles`) and any further tiles; each tile that becomes complete contributes its
 * 256-hash root to the level above. Returns every changed tile, full or partial, at every level, lowest
 * level first; the new root is `buildProof([rootPlan(size)], …nodeFromTile…)` over them. O(batch) hashes.
 * Throws RangeError on a leaf hash that is not 32 bytes or a stored tile shorter than `size` implies.
 */
export function integrateLeaves({
  size,
  leafHashes,
  readTile,
}: {
  readonly size: number;
  readonly leafHashes: readonly Uint8Array[];
  readonly readTile: (level: number, index: number) => Uint8Array;
}): { size: number; tiles: IntegratedTile[] } {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`not a tree size: ${size}`);
  if (!Number.isSafeInteger(size + leafHashes.length))
    throw new RangeError('the tree would exceed 2^53 leaves');
  for (let i = 0; i < leafHashes.length; i++)
    if (leafHashes[i]!.length !== HASH_BYTES) throw new RangeError(`leaf hash ${i} is not 32 bytes`);

  const tiles: IntegratedTile[] = [];
  // At each tile level: `count` hashes already stored, `fresh` the ones to append.
  let fresh: readonly Uint8Array[] = leafHashes;
  let count = size;
  for (let level = 0; fresh.length > 0; level++) {
    const newCount = count + fresh.length;
    const firstTile = Math.floor(count / TILE_WIDTH);
    const lastTile = Math.floor((newCount - 1) / TILE_WIDTH);
    const kept = count % TILE_WIDTH;
    let stored: Uint8Array | undefined;
    if (kept > 0) {
      stored = readTile(level, firstTile);
      if (stored.length < kept * HASH_BYTES)
        throw new RangeError(
          `tile ${level}/${firstTile} holds ${stored.length} bytes, a tree of ${size} leaves needs ${kept * HASH_BYTES}`,
        );
    }
    const completed: Buffer[] = [];
    let next = 0;
    for (let tile = firstTile; tile <= lastTile; tile++) {
      const width = Math.min(TILE_WIDTH, newCount - tile * TILE_WIDTH);
      const hashes = Buffer.allocUnsafe(width * HASH_BYTES);
      let position = 0;
      if (tile === firstTile && stored !== undefined) {
        hashes.set(stored.subarray(0, kept * HASH_BYTES), 0);
        position = kept;
      }
      for (; position < width; position++) hashes.set(fresh[next++]!, position * HASH_BYTES);
      tiles.push({ level, index: tile, hashes });
      if (width === TILE_WIDTH) {
        const slices: Buffer[] = [];
        for (let at = 0; at < hashes.length; at += HASH_BYTES)
          slices.push(hashes.subarray(at, at + HASH_BYTES));
        completed.push(merkleRoot(slices));
      }
    }
    fresh = completed;
    count = Math.floor(count / TILE_WIDTH);
  }
  return { size: size + leafHashes.length, tiles };
}
