import { EMPTY_ROOT } from './empty-root';
import { hashChildren } from './hash-children';
import type { NodeId } from './node-id';

/**
 * Turns a proof plan (from `inclusionProofPlan`, `consistencyProofPlan` or `[rootPlan(size)]`) into the
 * proof hashes: each element's nodes are looked up with `nodeHash` and folded right to left
 * (h = last; h = hashChildren(node, h)). An empty element folds to EMPTY_ROOT, so the root of the
 * empty tree needs no special case. Returns new Buffers; `nodeHash` may throw if a node is missing.
 */
export function buildProof(
  plan: readonly (readonly NodeId[])[],
  nodeHash: (id: NodeId) => Uint8Array,
): Buffer[] {
  return plan.map((nodes) => {
    if (nodes.length === 0) return Buffer.from(EMPTY_ROOT);
    let h: Buffer = Buffer.from(nodeHash(nodes[nodes.length - 1]!));
    for (let i = nodes.length - 2; i >= 0; i--) h = hashChildren(nodeHash(nodes[i]!), h);
    return h;
  });
}
