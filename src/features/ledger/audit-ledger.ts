import { decodeEvidenceLeaf } from '../../core/ledger/evidence/evidence-leaf';
import { buildProof } from '../../core/ledger/merkle/build-proof';
import { EMPTY_ROOT } from '../../core/ledger/merkle/empty-root';
import { hashLeaf } from '../../core/ledger/merkle/hash-leaf';
import { integrateLeaves } from '../../core/ledger/merkle/integrate-leaves';
import { nodeFromTile } from '../../core/ledger/merkle/node-from-tile';
import { rootPlan } from '../../core/ledger/merkle/root-plan';
import { tileOfNode } from '../../core/ledger/merkle/tile-of-node';
import { parseNote } from '../../core/ledger/note/parse-note';
import { parseVerifierKey } from '../../core/ledger/note/parse-verifier-key';
import { verifyNote } from '../../core/ledger/note/verify-note';
import type { LedgerDeps } from './ledger-deps';

const CHUNK = 20_000;

/**
 * Recomputes the whole log from the stored leaves and compares: each leaf's hash with its bytes, the
 * indices for gaps and extras, every tile, the tree root, and every checkpoint ever signed (its
 * signature, and its root against the root recomputed at its size). Any altered, deleted, inserted
 * or reordered row shows up as at least one problem. Read-only.
 */
export async function auditLedger(
  deps: Pick<LedgerDeps, 'store' | 'vkey'>,
  onProgress?: (done: number, total: number) => void,
): Promise<{ ok: boolean; size: number; sequenced: number; checkpoints: number; problems: string[] }> {
  const problems: string[] = [];
  const { store } = deps;
  const sequenced = await store.sequencedSize();
  const tree = await store.tree();

  const hashes: Buffer[] = [];
  let expected = 0;
  for (let from = 0; ; from += CHUNK) {
    const rows = await store.readEntries(from, from + CHUNK);
    for (const e of rows) {
      if (e.index !== expected) problems.push(`entries ${expected}–${e.index - 1} are missing`);
      expected = e.index + 1;
      const recomputed = hashLeaf(e.entry);
      if (!recomputed.equals(e.leafHash))
        problems.push(`entry ${e.index}: the stored leaf hash does not match its bytes`);
      const decoded = decodeEvidenceLeaf(e.entry);
      if (!decoded.ok) problems.push(`entry ${e.index}: ${decoded.reason}`);
      else if (e.subject !== undefined && e.subject !== decoded.leaf.subject)
        problems.push(`entry ${e.index}: its subject column is not the leaf's subject`);
      hashes[e.index] = recomputed;
    }
    onProgress?.(Math.min(expected, sequenced), sequenced);
    if (from + CHUNK >= Math.max(sequenced, expected) && rows.length === 0) break;
  }
  if (expected !== sequenced)
    problems.push(`the log holds entries up to ${expected} but the sequence says ${sequenced}`);
  if (tree.size > expected) problems.push(`the tree claims ${tree.size} entries, only ${expected} exist`);
  const leafHashes = Array.from({ length: tree.size }, (_, i) => hashes[i] ?? Buffer.alloc(32));

  const { tiles } = integrateLeaves({ size: 0, leafHashes, readTile: () => Buffer.alloc(0) });
  const recomputedTiles = new Map(tiles.map((t) => [`${t.level}/${t.index}`, t.hashes]));
  const levels = new Set(tiles.map((t) => t.level));
  for (let level = 0; level <= Math.max(0, ...levels) + 1; level++) {
    const stored = await store.tilesOfLevel(level);
    for (const [index, bytes] of stored) {
      const want = recomputedTiles.get(`${level}/${index}`);
      if (want === undefined) problems.push(`tile ${level}/${index} should not exist`);
      else if (!want.equals(bytes)) problems.push(`tile ${level}/${index} differs from the recomputed one`);
    }
    for (const t of tiles)
      if (t.level === level && !stored.has(t.index)) problems.push(`tile ${level}/${t.index} is missing`);
  }
  const rootAt = (size: number) =>
    size === 0
      ? EMPTY_ROOT
      : buildProof([rootPlan(size)], (id) => {
          const t = tileOfNode(id);
          return nodeFromTile(id, recomputedTiles.get(`${t.level}/${t.index}`)!);
        })[0]!;
  if (!rootAt(tree.size).equals(tree.root))
    problems.push(`the stored tree root differs from the recomputed root`);

  const logKey = parseVerifierKey(deps.vkey);
  if (!logKey.ok) throw new Error(`the log's verifier key is invalid: ${logKey.reason}`);
  const checkpoints = await store.listCheckpoints();
  for (const c of checkpoints) {
    const signed = verifyNote(c.note, [logKey.value]);
    const text = parseNote(c.note);
    if (!signed.ok || signed.value.verifiedBy.length === 0)
      problems.push(`checkpoint ${c.size}: bad log signature`);
    if (c.size > tree.size) problems.push(`checkpoint ${c.size} is beyond the tree (${tree.size})`);
    else if (!rootAt(c.size).equals(c.root))
      problems.push(`checkpoint ${c.size}: its root differs from the recomputed root`);
    if (text.ok && !text.value.text.includes(`\n${c.size}\n${c.root.toString('base64')}\n`))
      problems.push(`checkpoint ${c.size}: the note does not state its size and root`);
    if (c.publishedNote !== null) {
      const published = parseNote(c.publishedNote);
      if (
        !published.ok ||
        !text.ok ||
        published.value.text !== text.value.text ||
        !verifyNote(c.publishedNote, [logKey.value]).ok
      )
        problems.push(`checkpoint ${c.size}: the published note is not the signed checkpoint`);
    }
  }
  return {
    ok: problems.length === 0,
    size: tree.size,
    sequenced: expected,
    checkpoints: checkpoints.length,
    problems,
  };
}
