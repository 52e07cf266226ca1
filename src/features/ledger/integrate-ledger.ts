import { EMPTY_ROOT } from '../../core/ledger/merkle/empty-root';
import { consistencyProofPlan } from '../../core/ledger/merkle/consistency-proof-plan';
import { integrateLeaves } from '../../core/ledger/merkle/integrate-leaves';
import { rightEdgeTiles } from '../../core/ledger/merkle/right-edge-tiles';
import { rootPlan } from '../../core/ledger/merkle/root-plan';
import { verifyConsistency } from '../../core/ledger/merkle/verify-consistency';
import { formatCheckpoint } from '../../core/ledger/note/format-checkpoint';
import { signNote } from '../../core/ledger/note/sign-note';
import type { LedgerDeps } from './ledger-deps';
import { proofFromTiles } from './proof-from-tiles';

/** Entries integrated per transaction: large enough to amortise, small enough to keep the lock short. */
const MAX_BATCH = 50_000;

/**
 * Integrates sequenced entries into the tree (as Tessera does, in batches shortly after the appends):
 * writes the changed tiles, computes the new root and signs a checkpoint — all in one transaction
 * under the tree lock, so only one node integrates at a time and checkpoints are signed in order.
 *
 * Before signing, the new root is proved consistent with the last signed checkpoint from the tiles
 * just written; if it is not (a corrupted tile, a bug), nothing is signed: two inconsistent
 * checkpoints never both carry our signature.
 */
export async function integrateLedger(
  deps: Pick<LedgerDeps, 'store' | 'signer' | 'origin' | 'witnesses' | 'requiredCosignatures'>,
): Promise<{ size: number; integrated: number }> {
  await deps.store.sequenceQueued();
  return deps.store.integrate(async (tx) => {
    const { size } = await tx.tree();
    const last = await tx.lastCheckpoint();
    const hashes = await tx.leafHashes(size, MAX_BATCH);
    if (hashes.length === 0 && last !== undefined && last.size === size) return { size, integrated: 0 };

    const edge = rightEdgeTiles(size);
    const stored = await tx.readTiles(edge);
    const { size: newSize, tiles } = integrateLeaves({
      size,
      leafHashes: hashes,
      readTile: (level, index) => stored.get(`${level}/${index}`) ?? Buffer.alloc(0),
    });
    await tx.writeTiles(tiles);
    const written = new Map(tiles.map((t) => [`${t.level}/${t.index}`, t.hashes]));
    const readTiles = tx.readTiles.bind(tx);
    const root =
      newSize === 0 ? EMPTY_ROOT : (await proofFromTiles(readTiles, [rootPlan(newSize)], written))[0]!;

    if (last !== undefined) {
      if (newSize < last.size)
        throw new Error(`ledger tree (${newSize}) is behind its last checkpoint (${last.size})`);
      const check =
        last.size === 0
          ? { ok: newSize > 0 || root.equals(last.root), reason: 'the empty tree has another root' }
          : verifyConsistency({
              size1: last.size,
              size2: newSize,
              root1: last.root,
              root2: root,
              proof: await proofFromTiles(readTiles, consistencyProofPlan(last.size, newSize), written),
            });
      if (!check.ok)
        throw new Error(
          `refusing to sign an inconsistent checkpoint: ${'reason' in check ? check.reason : ''}`,
        );
    }
    await tx.setTree(newSize, root);
    const note = signNote(formatCheckpoint({ origin: deps.origin, size: newSize, root }), [deps.signer]);
    await tx.insertCheckpoint({ size: newSize, root, note, publish: deps.requiredCosignatures === 0 });
    return { size: newSize, integrated: hashes.length };
  });
}
