import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildProof } from './build-proof';
import { consistencyProofPlan } from './consistency-proof-plan';
import { EMPTY_ROOT } from './empty-root';
import { hashChildren } from './hash-children';
import { hashLeaf } from './hash-leaf';
import { inclusionProofPlan } from './inclusion-proof-plan';
import { integrateLeaves } from './integrate-leaves';
import { merkleRoot } from './merkle-root';
import type { NodeId } from './node-id';
import { nodeFromTile } from './node-from-tile';
import { rootPlan } from './root-plan';
import { sha256 } from './sha256';
import { subtreeNodes } from './subtree-nodes';
import { tileOfNode } from './tile-of-node';
import { tilesForPlan } from './tiles-for-plan';
import { verifyConsistency } from './verify-consistency';
import { verifyInclusion } from './verify-inclusion';

const dataDir = new URL('./testdata/', import.meta.url);
const readJson = (name: string): any => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8'));
const hex = (s: string) => Buffer.from(s, 'hex');
const b64 = (s: string | null) => Buffer.from(s ?? '', 'base64');

const reference = readJson('rfc6962-reference-tree.json');
const inclusionProbes: any[] = readJson('transparency-dev-merkle-inclusion.json').cases;
const consistencyProbes: any[] = readJson('transparency-dev-merkle-consistency.json').cases;

// ---------------------------------------------------------------------------------------------------
// A naive, recursive RFC 6962 §2.1 implementation written from the RFC text, with its own hashing, as an
// oracle for the tiled, iterative code under test.
const refNode = (l: Buffer, r: Buffer) =>
  createHash('sha256').update(Buffer.of(1)).update(l).update(r).digest();
const refSplit = (n: number) => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
function refMth(d: readonly Buffer[]): Buffer {
  if (d.length === 0) return createHash('sha256').digest();
  if (d.length === 1) return d[0]!;
  const k = refSplit(d.length);
  return refNode(refMth(d.slice(0, k)), refMth(d.slice(k)));
}
function refPath(m: number, d: readonly Buffer[]): Buffer[] {
  if (d.length <= 1) return [];
  const k = refSplit(d.length);
  return m < k
    ? [...refPath(m, d.slice(0, k)), refMth(d.slice(k))]
    : [...refPath(m - k, d.slice(k)), refMth(d.slice(0, k))];
}
function refSubproof(m: number, d: readonly Buffer[], b: boolean): Buffer[] {
  const n = d.length;
  if (m === n) return b ? [] : [refMth(d)];
  const k = refSplit(n);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), refMth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), refMth(d.slice(0, k))];
}
const refConsistency = (m: number, d: readonly Buffer[]) => refSubproof(m, d, true);

/** Cheap distinct 32-byte "leaf hashes" (the tree does not care how leaves were hashed). */
function cheapLeaves(n: number, salt = 0): Buffer[] {
  return Array.from({ length: n }, (_, i) => {
    const b = Buffer.alloc(32);
    b.writeUInt32BE(i, 0);
    b.writeUInt32BE(salt >>> 0, 4);
    b.writeUInt32BE((0x9e3779b9 ^ i) >>> 0, 28);
    return b;
  });
}

/** A tile store fed by integrateLeaves, and a node lookup over it for buildProof. */
function tiledTree(leaves: readonly Buffer[], batchSizes: readonly number[]) {
  const tiles = new Map<string, Buffer>();
  const roots: { size: number; root: Buffer }[] = [];
  let size = 0;
  let i = 0;
  const nodeHash = (id: NodeId) => {
    const t = tileOfNode(id);
    return nodeFromTile(id, tiles.get(`${t.level}/${t.index}`) ?? Buffer.alloc(0));
  };
  while (size < leaves.length) {
    const batch = Math.min(batchSizes[i++ % batchSizes.length]!, leaves.length - size);
    const out = integrateLeaves({
      size,
      leafHashes: leaves.slice(size, size + batch),
      readTile: (level, index) => tiles.get(`${level}/${index}`) ?? Buffer.alloc(0),
    });
    for (const t of out.tiles) tiles.set(`${t.level}/${t.index}`, t.hashes);
    size = out.size;
    roots.push({ size, root: buildProof([rootPlan(size)], nodeHash)[0]! });
  }
  return { tiles, roots, nodeHash };
}

const flipBit = (proof: readonly Buffer[], i: number, bit: number) =>
  proof.map((h, j) => {
    if (j !== i) return h;
    const c = Buffer.from(h);
    c[bit >> 3]! ^= 1 << (bit & 7);
    return c;
  });

// ---------------------------------------------------------------------------------------------------

describe('RFC 6962 reference tree (transparency-dev/merkle testonly, CT C++ suite)', () => {
  const inputs: Buffer[] = reference.leaf_inputs_hex.map(hex);
  const levels: Buffer[][] = reference.node_hashes_by_level.map((l: string[]) => l.map(hex));
  const leafHashes = inputs.map((e) => hashLeaf(e));
  const fromLevels = (id: NodeId) => levels[id.level]![id.index]!;

  it('hashes leaves, nodes and the empty tree as the known answers say', () => {
    const ka = reference.hasher_known_answers;
    expect(hashLeaf(Buffer.from(ka.leaf_L123456.leaf_input_ascii)).toString('hex')).toBe(
      ka.leaf_L123456.leaf_hash_hex,
    );
    expect(
      hashChildren(
        Buffer.from(ka.node_N123_N456.left_ascii),
        Buffer.from(ka.node_N123_N456.right_ascii),
      ).toString('hex'),
    ).toBe(ka.node_N123_N456.node_hash_hex);
    expect(EMPTY_ROOT.toString('hex')).toBe(reference.empty_root_hex);
    expect(sha256(Buffer.from('ab'), Buffer.from('c')).equals(sha256(Buffer.from('abc')))).toBe(true);
    const big = Buffer.alloc(10_000, 7);
    expect(sha256(big.subarray(0, 3), big.subarray(3)).equals(sha256(big))).toBe(true);
  });

  it('has the published leaf and interior node hashes', () => {
    expect(leafHashes.map((h) => h.toString('hex'))).toEqual(reference.node_hashes_by_level[0]);
    for (let level = 1; level < levels.length; level++)
      levels[level]!.forEach((h, index) =>
        expect(hashChildren(levels[level - 1]![2 * index]!, levels[level - 1]![2 * index + 1]!)).toEqual(h),
      );
  });

  it.each(Object.entries(reference.roots_by_tree_size as Record<string, string>))(
    'root of size %s by merkleRoot and by rootPlan over stored nodes',
    (size, root) => {
      const n = Number(size);
      expect(merkleRoot(leafHashes.slice(0, n)).toString('hex')).toBe(root);
      expect(buildProof([rootPlan(n)], fromLevels)[0]!.toString('hex')).toBe(root);
    },
  );

  it.each(
    (reference.inclusion_proofs as { leaf_index: number; tree_size: number; proof: string[] }[]).map(
      (p) => [p.leaf_index, p.tree_size, p.proof] as const,
    ),
  )('inclusion proof of leaf %d in size %d', (leaf_index, tree_size, proof) => {
    const built = buildProof(inclusionProofPlan(leaf_index, tree_size), fromLevels);
    expect(built.map((h) => h.toString('hex'))).toEqual(proof);
    const root = hex(reference.roots_by_tree_size[tree_size]);
    expect(
      verifyInclusion({
        index: leaf_index,
        size: tree_size,
        leafHash: leafHashes[leaf_index]!,
        proof: built,
        root,
      }),
    ).toEqual({ ok: true });
  });

  it.each(
    (reference.consistency_proofs as { size1: number; size2: number; proof: string[] }[]).map(
      (p) => [p.size1, p.size2, p.proof] as const,
    ),
  )('consistency proof from size %d to %d', (size1, size2, proof) => {
    const built = buildProof(consistencyProofPlan(size1, size2), fromLevels);
    expect(built.map((h) => h.toString('hex'))).toEqual(proof);
    const root1 = hex(reference.roots_by_tree_size[size1]);
    const root2 = hex(reference.roots_by_tree_size[size2]);
    expect(verifyConsistency({ size1, size2, root1, root2, proof: built })).toEqual({ ok: true });
  });
});

describe('transparency-dev/merkle inclusion probes', () => {
  it('holds all 98 probes', () => expect(inclusionProbes).toHaveLength(98));
  it.each(inclusionProbes.map((c) => [c.source_path as string, c]))('%s', (_, c) => {
    const result = verifyInclusion({
      index: c.leafIdx,
      size: c.treeSize,
      leafHash: b64(c.leafHash),
      proof: (c.proof ?? []).map(b64),
      root: b64(c.root),
    });
    expect(result.ok).toBe(!c.wantErr);
  });
});

describe('transparency-dev/merkle consistency probes', () => {
  it('holds all 98 probes', () => expect(consistencyProbes).toHaveLength(98));
  it.each(consistencyProbes.map((c) => [c.source_path as string, c]))('%s', (_, c) => {
    const result = verifyConsistency({
      size1: c.size1,
      size2: c.size2,
      root1: b64(c.root1),
      root2: b64(c.root2),
      proof: (c.proof ?? []).map(b64),
    });
    expect(result.ok).toBe(!c.wantErr);
  });
});

describe('subtree decomposition and plans', () => {
  it('decomposes ranges into maximal aligned perfect subtrees', () => {
    expect(subtreeNodes(0, 0)).toEqual([]);
    expect(subtreeNodes(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(subtreeNodes(8, 14)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    expect(subtreeNodes(3, 9)).toEqual([
      { level: 0, index: 3 },
      { level: 2, index: 1 },
      { level: 0, index: 8 },
    ]);
    expect(rootPlan(2 ** 53 - 1)).toHaveLength(53);
    expect(() => subtreeNodes(5, 4)).toThrow(RangeError);
  });

  it('covers the range exactly, left to right', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 5000 }), (begin, width) => {
        let at = begin;
        for (const { level, index } of subtreeNodes(begin, begin + width)) {
          expect(index * 2 ** level).toBe(at);
          at += 2 ** level;
        }
        expect(at).toBe(begin + width);
      }),
    );
  });

  it('rejects impossible proofs as programmer errors', () => {
    expect(() => inclusionProofPlan(3, 3)).toThrow(RangeError);
    expect(() => inclusionProofPlan(-1, 3)).toThrow(RangeError);
    expect(() => inclusionProofPlan(0, 0)).toThrow(RangeError);
    expect(() => consistencyProofPlan(0, 3)).toThrow(RangeError);
    expect(() => consistencyProofPlan(4, 3)).toThrow(RangeError);
    expect(consistencyProofPlan(5, 5)).toEqual([]);
    expect(inclusionProofPlan(0, 1)).toEqual([]);
  });

  it('plans trees of 2^53 − 1 leaves without losing precision', () => {
    const size = Number.MAX_SAFE_INTEGER;
    for (const element of [...inclusionProofPlan(size - 1, size), ...consistencyProofPlan(size - 2, size)])
      for (const { level, index } of element) {
        expect(Number.isSafeInteger(index)).toBe(true);
        expect((index + 1) * 2 ** level).toBeLessThanOrEqual(size);
      }
    expect(inclusionProofPlan(size - 1, size)).toHaveLength(52);
  });
});

describe('proofs from tiles match the RFC and verify (property)', () => {
  const batchSizes = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 });

  it('for trees of 1..2000 leaves fed in random batches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        batchSizes,
        fc.array(
          fc.tuple(
            fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
            fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
          ),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        fc.nat(),
        (size, batches, picks, salt) => {
          const leaves = cheapLeaves(size, salt).map((b) => hashLeaf(b));
          const { roots, nodeHash } = tiledTree(leaves, batches);
          for (const { size: n, root } of roots) expect(root).toEqual(merkleRoot(leaves.slice(0, n)));
          expect(roots.at(-1)!.root).toEqual(refMth(leaves));
          const rootOf = (n: number) => merkleRoot(leaves.slice(0, n));

          for (const [u, v] of picks) {
            // Inclusion of a random leaf in a random (possibly older) tree.
            const n = 1 + Math.floor(u * size);
            const index = Math.floor(v * n);
            const proof = buildProof(inclusionProofPlan(index, n), nodeHash);
            expect(proof).toEqual(refPath(index, leaves.slice(0, n)));
            const root = rootOf(n);
            const leafHash = leaves[index]!;
            expect(verifyInclusion({ index, size: n, leafHash, proof, root })).toEqual({ ok: true });
            for (let i = 0; i < proof.length; i++)
              expect(
                verifyInclusion({ index, size: n, leafHash, proof: flipBit(proof, i, (u * 256) | 0), root })
                  .ok,
              ).toBe(false);
            if (n > 1) {
              const other = (index + 1 + Math.floor(v * (n - 1))) % n;
              expect(verifyInclusion({ index: other, size: n, leafHash, proof, root }).ok).toBe(false);
              // A proof for one tree size does not verify against another size's root.
              const n2 = index < n - 1 && v < 0.5 ? n - 1 : n + 1;
              if (n2 <= size)
                expect(verifyInclusion({ index, size: n2, leafHash, proof, root: rootOf(n2) }).ok).toBe(
                  false,
                );
            }
            if (proof.length > 0)
              expect(verifyInclusion({ index, size: n, leafHash, proof: proof.slice(1), root }).ok).toBe(
                false,
              );
            expect(verifyInclusion({ index, size: n, leafHash, proof: [...proof, root], root }).ok).toBe(
              false,
            );

            // Consistency from a random older size.
            const m = 1 + Math.floor(v * n);
            const cproof = buildProof(consistencyProofPlan(m, n), nodeHash);
            expect(cproof).toEqual(refConsistency(m, leaves.slice(0, n)));
            const root1 = rootOf(m);
            expect(verifyConsistency({ size1: m, size2: n, root1, root2: root, proof: cproof })).toEqual({
              ok: true,
            });
            for (let i = 0; i < cproof.length; i++)
              expect(
                verifyConsistency({
                  size1: m,
                  size2: n,
                  root1,
                  root2: root,
                  proof: flipBit(cproof, i, (v * 256) | 0),
                }).ok,
              ).toBe(false);
            if (m < n) {
              if (m > 1)
                expect(
                  verifyConsistency({
                    size1: m - 1,
                    size2: n,
                    root1: rootOf(m - 1),
                    root2: root,
                    proof: cproof,
                  }).ok,
                ).toBe(false);
              if (n + 1 <= size)
                expect(
                  verifyConsistency({ size1: m, size2: n + 1, root1, root2: rootOf(n + 1), proof: cproof })
                    .ok,
                ).toBe(false);
              expect(
                verifyConsistency({ size1: m, size2: n, root1: root, root2: root1, proof: cproof }).ok,
              ).toBe(false);
            }
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('for a few trees of up to ~70,000 leaves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2001, max: 70_000 }),
        fc.array(fc.integer({ min: 1, max: 20_000 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        (size, batches, [a, b, c]) => {
          const leaves = cheapLeaves(size, a);
          const { roots, nodeHash } = tiledTree(leaves, batches);
          const root = merkleRoot(leaves);
          expect(roots.at(-1)!.root).toEqual(root);
          expect(root).toEqual(refMth(leaves));
          const index = b! % size;
          const proof = buildProof(inclusionProofPlan(index, size), nodeHash);
          expect(proof).toEqual(refPath(index, leaves));
          expect(verifyInclusion({ index, size, leafHash: leaves[index]!, proof, root }).ok).toBe(true);
          const m = 1 + (c! % size);
          const cproof = buildProof(consistencyProofPlan(m, size), nodeHash);
          expect(cproof).toEqual(refConsistency(m, leaves));
          expect(
            verifyConsistency({
              size1: m,
              size2: size,
              root1: merkleRoot(leaves.slice(0, m)),
              root2: root,
              proof: cproof,
            }),
          ).toEqual({ ok: true });
        },
      ),
      { numRuns: 4 },
    );
  });

  it('needs only the tiles tilesForPlan names', () => {
    const leaves = cheapLeaves(70_000);
    const { tiles } = tiledTree(leaves, [4321]);
    const plan = inclusionProofPlan(12_345, 70_000);
    const needed = tilesForPlan(plan);
    const lookup = (id: NodeId) => {
      const t = tileOfNode(id);
      expect(needed).toContainEqual({ level: t.level, index: t.index });
      return nodeFromTile(id, tiles.get(`${t.level}/${t.index}`)!);
    };
    const proof = buildProof(plan, lookup);
    expect(
      verifyInclusion({
        index: 12_345,
        size: 70_000,
        leafHash: leaves[12_345]!,
        proof,
        root: merkleRoot(leaves),
      }).ok,
    ).toBe(true);
    expect(new Set(needed.map((t) => `${t.level}/${t.index}`)).size).toBe(needed.length);
  });
});

describe('verifiers never throw', () => {
  it('on arbitrary sizes, indices and byte strings', () => {
    const bytes = fc.uint8Array({ maxLength: 40 });
    const num = fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 64), fc.constant(Number.NaN));
    fc.assert(
      fc.property(num, num, bytes, bytes, fc.array(bytes, { maxLength: 70 }), (x, y, h1, h2, proof) => {
        expect(verifyInclusion({ index: x, size: y, leafHash: h1, proof, root: h2 }).ok).toBeTypeOf(
          'boolean',
        );
        expect(verifyConsistency({ size1: x, size2: y, root1: h1, root2: h2, proof }).ok).toBeTypeOf(
          'boolean',
        );
      }),
    );
  });
});
