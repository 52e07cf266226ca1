import { decomposeInclusionProof } from './decompose-inclusion-proof';
import { hashChildren } from './hash-children';
import type { ProofCheck } from './proof-check';

const HASH_BYTES = 32;
const OK: ProofCheck = { ok: true };

function fail(reason: string): ProofCheck {
  return { ok: false, reason };
}

/**
 * The root that `proof` implies for `leafHash` at `index` in a tree of `size`, after the checks of
 * `verifyInclusion` (so the proof has exactly `inner + border` hashes). The first `inner` hashes are
 * siblings on the path below the point where the leaf's path leaves the left perfect part of the tree;
 * the rest are left siblings on the right border (RFC 9162 §2.1.3.2, in transparency-dev's form).
 */
function rootFromInclusionProof(
  index: number,
  inner: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  let h = leafHash;
  let position = index;
  for (let i = 0; i < inner; i++) {
    h = position % 2 === 0 ? hashChildren(h, proof[i]!) : hashChildren(proof[i]!, h);
    position = Math.floor(position / 2);
  }
  for (let i = inner; i < proof.length; i++) h = hashChildren(proof[i]!, h);
  return h;
}

/**
 * Checks an RFC 9162 inclusion proof: that the leaf hash sits at `index` of the tree of `size` leaves
 * whose root is `root`. As strict as transparency-dev/merkle `proof/verify.go`, so our verdicts match
 * other verifiers': index < size, every hash exactly 32 bytes, and exactly as many proof hashes as the
 * shape of the tree requires (no padding, no truncation). Never throws; sizes beyond 2^53 are rejected.
 */
export function verifyInclusion({
  index,
  size,
  leafHash,
  proof,
  root,
}: {
  readonly index: number;
  readonly size: number;
  readonly leafHash: Uint8Array;
  readonly proof: readonly Uint8Array[];
  readonly root: Uint8Array;
}): ProofCheck {
  if (!Number.isSafeInteger(size) || size < 0)
    return fail('the tree size is not a safe non-negative integer');
  if (!Number.isSafeInteger(index) || index < 0) return fail('the index is not a safe non-negative integer');
  if (index >= size) return fail(`index ${index} is not in a tree of size ${size}`);
  if (leafHash.length !== HASH_BYTES) return fail('the leaf hash is not 32 bytes');
  if (root.length !== HASH_BYTES) return fail('the root is not 32 bytes');
  // inner = bit length of index XOR (size - 1); border = set bits of index above `inner`.
  const { inner, border } = decomposeInclusionProof(index, size);
  if (proof.length !== inner + border)
    return fail(`the proof has ${proof.length} hashes, a tree of this shape needs ${inner + border}`);
  for (let i = 0; i < proof.length; i++)
    if (proof[i]!.length !== HASH_BYTES) return fail(`proof hash ${i} is not 32 bytes`);
  const computed = rootFromInclusionProof(index, inner, leafHash, proof);
  return Buffer.from(computed.buffer, computed.byteOffset, computed.length).equals(root)
    ? OK
    : fail('the proof does not lead to the root');
}
