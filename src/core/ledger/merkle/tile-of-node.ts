import type { NodeId } from './node-id';
import { TILE_HEIGHT, TILE_WIDTH } from './tile-constants';

/** Where a tree node can be computed from: `count` consecutive hashes of one tile, from `offset`. */
export interface NodeInTile {
  /** Tile level L = floor(node level / 8): the tile's hashes are tree nodes at level 8·L. */
  readonly level: number;
  readonly index: number;
  readonly offset: number;
  /** 2^(node level − 8·L): 1 when the node is itself stored in the tile. */
  readonly count: number;
}

/**
 * Locates node `id` in the C2SP tlog-tiles layout. Tiles only store every 8th level of the tree, so a
 * node r = level − 8·L levels above tile level L is the perfect subtree over 2^r consecutive hashes of
 * one tile (aligned, so they never straddle two tiles). A store therefore needs only tiles to serve any
 * proof, and `nodeFromTile` does the hashing.
 */
export function tileOfNode(id: NodeId): NodeInTile {
  const level = Math.floor(id.level / TILE_HEIGHT);
  const count = 2 ** (id.level - level * TILE_HEIGHT);
  const first = id.index * count;
  return { level, index: Math.floor(first / TILE_WIDTH), offset: first % TILE_WIDTH, count };
}
