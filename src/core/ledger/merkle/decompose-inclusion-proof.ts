/**
 * How many hashes an inclusion proof of leaf `index` in a tree of `size` leaves holds, split as RFC
 * 9162 (and transparency-dev/merkle's `decompInclProof`) does: `inner` hashes below the point where
 * the paths to `index` and to the last leaf meet, then `border` hashes along the right border.
 */
export function decomposeInclusionProof(index: number, size: number): { inner: number; border: number } {
  let inner = 0;
  let a = index;
  let b = size - 1;
  while (a !== b) {
    a = Math.floor(a / 2);
    b = Math.floor(b / 2);
    inner++;
  }
  let border = 0;
  for (; a > 0; a = Math.floor(a / 2)) border += a % 2;
  return { inner, border };
}
