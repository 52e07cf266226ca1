import type { NodeId } from './node-id';
import { tileOfNode } from './tile-of-node';

/**
 * The distinct tiles (tile level, index) that the nodes of a proof plan are computed from, in order of
 * first use, so a store can load them all in one query before calling `buildProof`.
 */
export function tilesForPlan(plan: readonly (readonly NodeId[])[]): { level: number; index: number }[] {
  const seen = new Set<string>();
  const tiles: { level: number; index: number }[] = [];
  for (const nodes of plan)
    for (const node of nodes) {
      const { level, index } = tileOfNode(node);
      const key = `${level}/${index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tiles.push({ level, index });
    }
  return tiles;
}
