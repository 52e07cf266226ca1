import type { NodeId } from './node-id';

/**
 * The leaf range [begin, end) as maximal perfect subtrees, left to right: each node is the largest one
 * that starts at the current position (aligned to its own size) and fits before `end`. For begin = 0 this
 * is the binary decomposition of `end` (the nodes behind the root of a tree of that size).
 *
 * Folding them right to left (h = last; h = hashChildren(node, h)) gives RFC 9162's MTH(D[begin:end])
 * whenever begin is a multiple of a power of two ≥ end − begin, which holds for every range a root,
 * inclusion proof or consistency proof asks for: there the maximal subtrees are exactly the pieces the
 * RFC's "largest power of two smaller than n" recursion produces. Empty range → no nodes.
 */
export function subtreeNodes(begin: number, end: number): NodeId[] {
  if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || begin < 0 || end < begin)
    throw new RangeError(`not a leaf range: [${begin}, ${end})`);
  const nodes: NodeId[] = [];
  let position = begin;
  while (position < end) {
    let level = 0;
    let width = 1;
    while (position % (width * 2) === 0 && position + width * 2 <= end) {
      width *= 2;
      level++;
    }
    nodes.push({ level, index: position / width });
    position += width;
  }
  return nodes;
}
