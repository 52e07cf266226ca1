import type { NodeId } from './node-id';
import { subtreeNodes } from './subtree-nodes';

/**
 * Which stored nodes make up the RFC 9162 §2.1.3.1 inclusion proof PATH(index, D[size]), one element per
 * proof hash in proof order (leaf to root). Each element lists perfect subtrees, left to right, whose
 * right-to-left fold is that proof hash: one node for a sibling inside the perfect part of the tree, or
 * several for an "ephemeral" sibling on the right border of an imperfect tree, which no store holds.
 * Throws RangeError unless 0 ≤ index < size (a caller bug, not a bad proof).
 */
export function inclusionProofPlan(index: number, size: number): NodeId[][] {
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(index) || index < 0 || index >= size)
    throw new RangeError(`no leaf ${index} in a tree of size ${size}`);
  const rootToLeaf: NodeId[][] = [];
  // The subtree D[begin:begin+n] still to descend into, and the leaf's position m inside it.
  let begin = 0;
  let n = size;
  let m = index;
  while (n > 1) {
    let k = 1;
    let level = 0;
    while (k * 2 < n) {
      k *= 2;
      level++;
    }
    if (m < k) {
      rootToLeaf.push(subtreeNodes(begin + k, begin + n));
      n = k;
    } else {
      rootToLeaf.push([{ level, index: begin / k }]);
      begin += k;
      m -= k;
      n -= k;
    }
  }
  return rootToLeaf.reverse();
}
