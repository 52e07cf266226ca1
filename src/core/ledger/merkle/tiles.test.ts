import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildProof } from './build-proof';
import { consistencyProofPlan } from './consistency-proof-plan';
import { hashLeaf } from './hash-leaf';
import { inclusionProofPlan } from './inclusion-proof-plan';
import { integrateLeaves } from './integrate-leaves';
import { merkleRoot } from './merkle-root';
import type { NodeId } from './node-id';
import { nodeFromTile } from './node-from-tile';
import { parseTilePath } from './parse-tile-path';
import { rightEdgeTiles } from './right-edge-tiles';
import { rootPlan } from './root-plan';
import { TILE_HEIGHT, TILE_WIDTH } from './tile-constants';
import { tileOfNode } from './tile-of-node';
import { formatEntriesPath, formatTilePath } from './tile-path';
import { tilesForPlan } from './tiles-for-plan';

const leafHashes = (n: number, salt = 0) =>
  Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from(`entry ${salt} ${i}`)));

/** Integrates `leaves` in batches into a map of tiles, checking every read against rightEdgeTiles. */
function integrateInBatches(leaves: readonly Buffer[], batchSizes: readonly number[]) {
  const tiles = new Map<string, Buffer>();
  let size = 0;
  let i = 0;
  while (size < leaves.length) {
    const batch = Math.min(batchSizes[i++ % batchSizes.length]!, leaves.length - size);
    const edge = rightEdgeTiles(size);
    const before = new Map(tiles);
    const out = integrateLeaves({
      size,
      leafHashes: leaves.slice(size, size + batch),
      readTile: (level, index) => {
        const expected = edge.find((t) => t.level === level && t.index === index);
        expect(expected, `read of tile ${level}/${index}`).toBeDefined();
        const stored = tiles.get(`${level}/${index}`)!;
        expect(stored.length).toBe(expected!.width * 32);
        return stored;
      },
    });
    expect(out.size).toBe(size + batch);
    for (const t of out.tiles) {
      expect(t.hashes.length % 32).toBe(0);
      expect(t.hashes.length / 32).toBeGreaterThan(0);
      expect(t.hashes.length / 32).toBeLessThanOrEqual(TILE_WIDTH);
      tiles.set(`${t.level}/${t.index}`, t.hashes);
    }
    // Exactly the tiles whose content changed are returned, each once.
    const changed = [...tiles].filter(([k, v]) => !before.get(k)?.equals(v)).map(([k]) => k);
    expect(out.tiles.map((t) => `${t.level}/${t.index}`).sort()).toEqual(changed.sort());
    size = out.size;
  }
  return tiles;
}

/** The hash of node `id` straight from the leaves. */
const nodeFromLeaves = (leaves: readonly Buffer[], { level, index }: NodeId) =>
  merkleRoot(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));

describe('tile paths (C2SP tlog-tiles)', () => {
  it('formats the spec’s examples', () => {
    expect(TILE_HEIGHT).toBe(8);
    expect(TILE_WIDTH).toBe(256);
    expect(formatTilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(formatTilePath({ level: 0, index: 1234067, width: 5 })).toBe('tile/0/x001/x234/067.p/5');
    expect(formatTilePath({ level: 2, index: 5, width: 256 })).toBe('tile/2/005');
    expect(formatTilePath({ level: 1, index: 0, width: 1 })).toBe('tile/1/000.p/1');
    expect(formatTilePath({ level: 63, index: 1000, width: 255 })).toBe('tile/63/x001/000.p/255');
    expect(formatEntriesPath({ index: 1234067, width: 256 })).toBe('tile/entries/x001/x234/067');
    expect(formatEntriesPath({ index: 1234067, width: 7 })).toBe('tile/entries/x001/x234/067.p/7');
    expect(formatEntriesPath({ index: Number.MAX_SAFE_INTEGER, width: 256 })).toBe(
      'tile/entries/x009/x007/x199/x254/x740/991',
    );
  });

  it('refuses values that have no path', () => {
    expect(() => formatTilePath({ level: 64, index: 0, width: 256 })).toThrow(RangeError);
    expect(() => formatTilePath({ level: -1, index: 0, width: 256 })).toThrow(RangeError);
    expect(() => formatTilePath({ level: 0, index: -1, width: 256 })).toThrow(RangeError);
    expect(() => formatTilePath({ level: 0, index: 1.5, width: 256 })).toThrow(RangeError);
    expect(() => formatTilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
    expect(() => formatEntriesPath({ index: 0, width: 257 })).toThrow(RangeError);
    expect(() => formatEntriesPath({ index: 2 ** 53, width: 256 })).toThrow(RangeError);
  });

  it('parses what it formats (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 63 }),
        fc.oneof(fc.nat({ max: 2000 }), fc.maxSafeNat()),
        fc.integer({ min: 1, max: 256 }),
        (level, index, width) => {
          expect(parseTilePath(formatTilePath({ level, index, width }))).toEqual({
            kind: 'hashes',
            level,
            index,
            width,
          });
          expect(parseTilePath(formatEntriesPath({ index, width }))).toEqual({
            kind: 'entries',
            index,
            width,
          });
        },
      ),
    );
  });

  it.each([
    'tile/0/x000/005',
    'tile/0/x000/x001/005',
    'tile/entries/x000/005',
    'tile/0/005.p/256',
    'tile/0/005.p/300',
    'tile/0/005.p/0',
    'tile/0/005.p/05',
    'tile/entries/005.p/256',
    'tile/00/005',
    'tile/01/005',
    'tile/64/005',
    'tile/100/005',
    'tile/-1/005',
    'tile/0/05',
    'tile/0/0005',
    'tile/0/5',
    'tile/0/x001/x234/67',
    'tile/0/001/234',
    'tile/0/x001',
    'tile/0/X001/234',
    'tile/0/x001/x234/067/',
    '/tile/0/005',
    'tile/0/005.p/',
    'tile/0/005.p/5/',
    'tile/0/005.p5',
    'tile/0/005 ',
    'tile//005',
    'tile/entries',
    'tile/0/x009/x007/x199/x254/x740/992',
    'tile/0/x999/x999/x999/x999/x999/x999/999',
    'tiles/0/005',
    'tile/0/٠٠٥',
  ])('rejects %s', (path) => {
    expect(parseTilePath(path)).toBeUndefined();
  });

  it('accepts only canonical spellings (property)', () => {
    const group = fc.stringMatching(/^x?[0-9]{1,4}$/);
    const path = fc
      .tuple(
        fc.constantFrom('0', '00', '01', '7', '63', '64', 'entries', 'x'),
        fc.array(group, { minLength: 1, maxLength: 7 }),
        fc.constantFrom('', '.p/1', '.p/5', '.p/05', '.p/255', '.p/256', '.p/0', '.p'),
      )
      .map(([l, g, s]) => `tile/${l}/${g.join('/')}${s}`);
    fc.assert(
      fc.property(path, (p) => {
        const parsed = parseTilePath(p);
        if (parsed === undefined) return;
        const again = parsed.kind === 'entries' ? formatEntriesPath(parsed) : formatTilePath(parsed);
        expect(again).toBe(p);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('nodes in tiles', () => {
  it('locates nodes in the tile below them', () => {
    expect(tileOfNode({ level: 0, index: 300 })).toEqual({ level: 0, index: 1, offset: 44, count: 1 });
    expect(tileOfNode({ level: 3, index: 40 })).toEqual({ level: 0, index: 1, offset: 64, count: 8 });
    expect(tileOfNode({ level: 7, index: 3 })).toEqual({ level: 0, index: 1, offset: 128, count: 128 });
    expect(tileOfNode({ level: 8, index: 5 })).toEqual({ level: 1, index: 0, offset: 5, count: 1 });
    expect(tileOfNode({ level: 11, index: 33 })).toEqual({ level: 1, index: 1, offset: 8, count: 8 });
    expect(tileOfNode({ level: 16, index: 0 })).toEqual({ level: 2, index: 0, offset: 0, count: 1 });
  });

  it('lists the edge tiles of a tree', () => {
    expect(rightEdgeTiles(0)).toEqual([]);
    expect(rightEdgeTiles(1)).toEqual([{ level: 0, index: 0, width: 1 }]);
    expect(rightEdgeTiles(255)).toEqual([{ level: 0, index: 0, width: 255 }]);
    expect(rightEdgeTiles(256)).toEqual([{ level: 1, index: 0, width: 1 }]);
    expect(rightEdgeTiles(256 * 256 + 3)).toEqual([
      { level: 0, index: 256, width: 3 },
      { level: 2, index: 0, width: 1 },
    ]);
    expect(rightEdgeTiles(256 ** 3)).toEqual([{ level: 3, index: 0, width: 1 }]);
    expect(() => rightEdgeTiles(-1)).toThrow(RangeError);
  });

  it('computes every node of the tree from its tile', () => {
    const leaves = leafHashes(1000);
    const tiles = integrateInBatches(leaves, [1000]);
    for (let level = 0; 2 ** level <= 1000; level++)
      for (let index = 0; (index + 1) * 2 ** level <= 1000; index++) {
        const id = { level, index };
        const t = tileOfNode(id);
        expect(nodeFromTile(id, tiles.get(`${t.level}/${t.index}`)!)).toEqual(nodeFromLeaves(leaves, id));
      }
  });

  it('refuses a tile too short for the node', () => {
    const tile = Buffer.concat(leafHashes(5));
    expect(() => nodeFromTile({ level: 0, index: 5 }, tile)).toThrow(RangeError);
    expect(() => nodeFromTile({ level: 3, index: 0 }, tile)).toThrow(RangeError);
    expect(() => nodeFromTile({ level: 2, index: 0 }, Buffer.alloc(0))).toThrow(RangeError);
    expect(nodeFromTile({ level: 2, index: 0 }, tile)).toEqual(merkleRoot(leafHashes(4)));
  });

  it('names each tile a plan needs once', () => {
    const plan = [...inclusionProofPlan(70_000, 100_000), ...consistencyProofPlan(65_537, 100_000)];
    const tiles = tilesForPlan(plan);
    const expected = new Map<string, { level: number; index: number }>();
    for (const nodes of plan)
      for (const n of nodes) {
        const t = tileOfNode(n);
        expected.set(`${t.level}/${t.index}`, { level: t.level, index: t.index });
      }
    expect(tiles).toEqual([...expected.values()]);
    expect(tilesForPlan([])).toEqual([]);
  });
});

describe('integrateLeaves', () => {
  it('grows the tile levels as the tree fills', () => {
    const leaves = leafHashes(256 * 2 + 1);
    const first = integrateLeaves({
      size: 0,
      leafHashes: leaves.slice(0, 255),
      readTile: () => Buffer.alloc(0),
    });
    expect(first.tiles.map((t) => [t.level, t.index, t.hashes.length / 32])).toEqual([[0, 0, 255]]);
    const store = new Map(first.tiles.map((t) => [`${t.level}/${t.index}`, t.hashes]));
    const second = integrateLeaves({
      size: 255,
      leafHashes: leaves.slice(255),
      readTile: (l, i) => store.get(`${l}/${i}`) ?? Buffer.alloc(0),
    });
    expect(second.size).toBe(513);
    expect(second.tiles.map((t) => [t.level, t.index, t.hashes.length / 32])).toEqual([
      [0, 0, 256],
      [0, 1, 256],
      [0, 2, 1],
      [1, 0, 2],
    ]);
    const level1 = second.tiles.at(-1)!.hashes;
    expect(level1.subarray(0, 32)).toEqual(merkleRoot(leaves.slice(0, 256)));
    expect(level1.subarray(32)).toEqual(merkleRoot(leaves.slice(256, 512)));
    expect(integrateLeaves({ size: 513, leafHashes: [], readTile: () => Buffer.alloc(0) })).toEqual({
      size: 513,
      tiles: [],
    });
  });

  it('refuses bad input', () => {
    const readTile = () => Buffer.alloc(0);
    expect(() => integrateLeaves({ size: 0, leafHashes: [Buffer.alloc(31)], readTile })).toThrow(RangeError);
    expect(() => integrateLeaves({ size: -1, leafHashes: [], readTile })).toThrow(RangeError);
    // A store that lost hashes it should have.
    expect(() => integrateLeaves({ size: 3, leafHashes: leafHashes(1), readTile })).toThrow(RangeError);
  });

  it('gives the same tiles however the leaves are batched, and every root matches (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 5 }),
        (size, batches) => {
          const leaves = leafHashes(size, size);
          const batched = integrateInBatches(leaves, batches);
          const whole = integrateInBatches(leaves, [size]);
          expect([...batched.keys()].sort()).toEqual([...whole.keys()].sort());
          for (const [k, v] of whole) expect(batched.get(k)).toEqual(v);
          // Tile level L holds one hash per complete tile below: node (8·L, k).
          for (const [key, hashes] of batched) {
            const [level, index] = key.split('/').map(Number) as [number, number];
            const k = index * TILE_WIDTH + ((index * 7) % (hashes.length / 32));
            const id = { level: level * TILE_HEIGHT, index: k };
            expect(hashes.subarray((k - index * TILE_WIDTH) * 32, (k - index * TILE_WIDTH + 1) * 32)).toEqual(
              nodeFromLeaves(leaves, id),
            );
          }
          const nodeHash = (id: NodeId) => {
            const t = tileOfNode(id);
            return nodeFromTile(id, batched.get(`${t.level}/${t.index}`)!);
          };
          for (const n of [size, Math.ceil(size / 2), 1])
            expect(buildProof([rootPlan(n)], nodeHash)[0]).toEqual(merkleRoot(leaves.slice(0, n)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('handles a tree three tile levels high', () => {
    const size = 256 * 256 + 300;
    const leaves = Array.from({ length: size }, (_, i) => {
      const b = Buffer.alloc(32);
      b.writeUInt32BE(i, 0);
      return b;
    });
    const tiles = integrateInBatches(leaves, [5000, 65_000, 1]);
    expect(tiles.get('2/0')!.length).toBe(32);
    expect(tiles.get('1/0')!.length).toBe(256 * 32);
    expect(tiles.get('1/1')!.length).toBe(32);
    expect(tiles.get('0/257')!.length).toBe(44 * 32);
    const nodeHash = (id: NodeId) => {
      const t = tileOfNode(id);
      return nodeFromTile(id, tiles.get(`${t.level}/${t.index}`)!);
    };
    expect(buildProof([rootPlan(size)], nodeHash)[0]).toEqual(merkleRoot(leaves));
  });
});
