import { merkleRoot } from './merkle-root';
import type { NodeId } from './node-id';
import { tileOfNode } from './tile-of-node';

const HASH_BYTES = 32;

/**
 * The hash of node `id`, computed from the bytes of the tile that `tileOfNode(id)` names (concatenated
 * 32-byte hashes; a partial tile is fine as long as it covers the node). Up to 127 hashes for a node 7
 * levels above the tile's base. Throws RangeError when the tile is too short to hold the node, which
 * means the caller asked for a node beyond the tree or passed the wrong tile.
 */
export function nodeFromTile(id: NodeId, tileHashes: Uint8Array): Buffer {
  const { offset, count } = tileOfNode(id);
  const end = (offset + count) * HASH_BYTES;
  if (tileHashes.length < end)
    throw new RangeError(
      `node (${id.level}, ${id.index}) needs ${end} bytes of its tile, which has ${tileHashes.length}`,
    );
  const hashes: Uint8Array[] = [];
  for (let at = offset * HASH_BYTES; at < end; at += HASH_BYTES)
    hashes.push(tileHashes.subarray(at, at + HASH_BYTES));
  // `count` is a power of two, so the MTH of these hashes is the perfect subtree's root.
  return merkleRoot(hashes);
}
