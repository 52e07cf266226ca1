import { EMPTY_ROOT } from './empty-root';
import { hashChildren } from './hash-children';

/**
 * The RFC 6962 Merkle Tree Hash MTH(D[n]) of already-hashed leaves, in O(n) hashes and O(log n) memory.
 * A stack holds the roots of the perfect subtrees seen so far (the binary decomposition of the count);
 * at the end they fold right to left, which is exactly how RFC 9162 splits an imperfect tree.
 * Returns a new Buffer (a copy of EMPTY_ROOT for no leaves, of the leaf hash for one).
 */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Buffer {
  const n = leafHashes.length;
  if (n === 0) return Buffer.from(EMPTY_ROOT);
  if (n === 1) return Buffer.from(leafHashes[0]!);
  const stack: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    let h = leafHashes[i]!;
    // Each trailing zero bit of the new count closes one perfect subtree.
    for (let count = i + 1; count % 2 === 0; count /= 2) h = hashChildren(stack.pop()!, h);
    stack.push(h);
  }
  let root = stack.pop()!;
  while (stack.length > 0) root = hashChildren(stack.pop()!, root);
  return root as Buffer;
}
