import type { NodeId } from './node-id';
import { subtreeNodes } from './subtree-nodes';

/**
 * Which stored nodes make up the RFC 9162 §2.1.4.1 consistency proof PROOF(size1, D[size2]), one element
 * per proof hash in proof order, each a left-to-right list of perfect subtrees whose right-to-left fold
 * is that hash (as for `inclusionProofPlan`). Equal sizes give no hashes. Throws RangeError unless
 * 0 < size1 ≤ size2: a proof from the empty tree proves nothing (RFC 9162 leaves it undefined).
 */
export function consistencyProofPlan(size1: number, size2: number): NodeId[][] {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 <= 0 || size2 < size1)
    throw new RangeError(`no consistency proof from size ${size1} to size ${size2}`);
  const rootToLeaf: NodeId[][] = [];
  // SUBPROOF(m, D[begin:begin+n], b), unrolled; b is true while D[begin:begin+m] is the old root itself.
  let begin = 0;
  let n = size2;
  let m = size1;
  let isOldRoot = true;
  while (m !== n) {
    let k = 1;
    let level = 0;
    while (k * 2 < n) {
      k *= 2;
      level++;
    }
    if (m <= k) {
      rootToLeaf.push(subtreeNodes(begin + k, begin + n));
      n = k;
    } else {
      rootToLeaf.push([{ level, index: begin / k }]);
      begin += k;
      m -= k;
      n -= k;
      isOldRoot = false;
    }
  }
  if (!isOldRoot) rootToLeaf.push(subtreeNodes(begin, begin + n));
  return rootToLeaf.reverse();
}
