import { buildProof } from '../../core/ledger/merkle/build-proof';
import { nodeFromTile } from '../../core/ledger/merkle/node-from-tile';
import type { NodeId } from '../../core/ledger/merkle/node-id';
import { tileOfNode } from '../../core/ledger/merkle/tile-of-node';
import { TILE_WIDTH } from '../../core/ledger/merkle/tile-constants';
import { tilesForPlan } from '../../core/ledger/merkle/tiles-for-plan';
import type { TileKey } from './ledger-store.port';

/**
 * Builds proof hashes (or a root: a plan of one element) from stored tiles, loading every tile the
 * plan needs in one read. `overlay` holds tiles written in the current transaction.
 */
export async function proofFromTiles(
  readTiles: (keys: readonly (TileKey & { width?: number })[]) => Promise<Map<string, Buffer>>,
  plan: readonly (readonly NodeId[])[],
  overlay?: ReadonlyMap<string, Buffer>,
  /** The tree size the plan is for: tells how wide each tile must be, so cached partial tiles can serve. */
  size?: number,
): Promise<Buffer[]> {
  const keys = tilesForPlan(plan)
    .filter((k) => !overlay?.has(`${k.level}/${k.index}`))
    .map((k) =>
      size === undefined
        ? k
        : {
            ...k,
            width: Math.min(TILE_WIDTH, Math.floor(size / TILE_WIDTH ** k.level) - k.index * TILE_WIDTH),
          },
    );
  const tiles = keys.length > 0 ? await readTiles(keys) : new Map<string, Buffer>();
  return buildProof(plan, (id) => {
    const t = tileOfNode(id);
    const key = `${t.level}/${t.index}`;
    const bytes = overlay?.get(key) ?? tiles.get(key);
    if (bytes === undefined) throw new Error(`ledger tile ${key} is missing`);
    return nodeFromTile(id, bytes);
  });
}
