import { decomposeInclusionProof } from './decompose-inclusion-proof';
import { hashChildren } from './hash-children';
import type { ProofCheck } from './proof-check';

const HASH_BYTES = 32;
const OK: ProofCheck = { ok: true };

function fail(reason: string): ProofCheck {
  return { ok: false, reason };
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
}

/**
 * Checks an RFC 9162 consistency proof: that the tree of `size1` leaves with `root1` is a prefix of the
 * tree of `size2` leaves with `root2`. As strict as transparency-dev/merkle `proof/verify.go`:
 * size1 = 0 is rejected even with an empty proof (consistency with the empty tree proves nothing and
 * hides a caller bug), size2 < size1 is rejected, equal sizes need an empty proof and byte-equal roots,
 * every hash must be 32 bytes and the proof exactly as long as the two sizes require. Never throws.
 */
export function verifyConsistency({
  size1,
  size2,
  root1,
  root2,
  proof,
}: {
  readonly size1: number;
  readonly size2: number;
  readonly root1: Uint8Array;
  readonly root2: Uint8Array;
  readonly proof: readonly Uint8Array[];
}): ProofCheck {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < 0)
    return fail('a tree size is not a safe non-negative integer');
  if (size1 === 0) return fail('consistency with the empty tree is not a meaningful proof');
  if (size2 < size1) return fail(`size2 ${size2} is smaller than size1 ${size1}`);
  if (size1 === size2) {
    // Only byte equality, as transparency-dev checks it (its "sizes are equal (one)" vector has 12-byte roots).
    if (proof.length !== 0) return fail('equal sizes need an empty proof');
    return equalBytes(root1, root2) ? OK : fail('equal sizes but different roots');
  }
  if (root1.length !== HASH_BYTES || root2.length !== HASH_BYTES) return fail('a root is not 32 bytes');

  // The old tree's last perfect subtree (of `perfect` leaves) is shared unchanged; the proof starts with
  // that subtree's hash unless it is the whole old tree (size1 a power of two), whose root we hold.
  let perfect = 1;
  while (size1 % (perfect * 2) === 0) perfect *= 2;
  const start = size1 === perfect ? 0 : 1;
  const index = Math.floor((size1 - 1) / perfect);
  // Then it is an inclusion proof of that subtree, at `index`, in size2 counted in such subtrees.
  const { inner, border } = decomposeInclusionProof(index, Math.floor((size2 - 1) / perfect) + 1);
  const expected = start + inner + border;
  if (proof.length !== expected)
    return fail(`the proof has ${proof.length} hashes, these sizes need ${expected}`);
  for (let i = 0; i < proof.length; i++)
    if (proof[i]!.length !== HASH_BYTES) return fail(`proof hash ${i} is not 32 bytes`);

  const seed = start === 0 ? root1 : proof[0]!;
  // The old root uses only the left siblings of the path; the new root uses all of them.
  let h1: Uint8Array = seed;
  let h2: Uint8Array = seed;
  let position = index;
  for (let i = 0; i < inner; i++) {
    const sibling = proof[start + i]!;
    if (position % 2 === 1) {
      h1 = hashChildren(sibling, h1);
      h2 = hashChildren(sibling, h2);
    } else {
      h2 = hashChildren(h2, sibling);
    }
    position = Math.floor(position / 2);
  }
  for (let i = start + inner; i < proof.length; i++) {
    h1 = hashChildren(proof[i]!, h1);
    h2 = hashChildren(proof[i]!, h2);
  }
  if (!equalBytes(h1, root1)) return fail('the proof does not lead to root1');
  if (!equalBytes(h2, root2)) return fail('the proof does not lead to root2');
  return OK;
}
