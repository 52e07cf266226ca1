import type { NodeId } from './node-id';
import { subtreeNodes } from './subtree-nodes';

/**
 * The perfect subtrees whose right-to-left fold is the root of a tree of `size` leaves (its binary
 * decomposition, left to right). Size 0 gives no nodes: the root is EMPTY_ROOT, which is also what
 * `buildProof([rootPlan(0)], …)` returns. Lets a store compute any historical root from stored nodes.
 */
export function rootPlan(size: number): NodeId[] {
  return subtreeNodes(0, size);
}
