import { AppError } from '../../core/errors';
import { inclusionProofPlan } from '../../core/ledger/merkle/inclusion-proof-plan';
import { rootPlan } from '../../core/ledger/merkle/root-plan';
import type { LedgerDeps } from './ledger-deps';
import { proofFromTiles } from './proof-from-tiles';
import { readPublishedCheckpoint } from './read-published-checkpoint';

/**
 * An RFC 9162 inclusion proof for an entry (by index, or by leaf hash: its first occurrence) in the
 * tree of `size` leaves, by default the latest published checkpoint — which is returned with it.
 * Only sizes up to the published checkpoint are proved: nothing unwitnessed is vouched for.
 */
export async function proveInclusion(
  deps: Pick<LedgerDeps, 'store'>,
  query: { index?: number | undefined; leafHash?: Buffer | undefined; size?: number | undefined },
): Promise<{
  index: number;
  size: number;
  leafHash: Buffer;
  proof: Buffer[];
  root: Buffer;
  checkpoint?: string;
}> {
  const published = await readPublishedCheckpoint(deps);
  const size = query.size ?? published.size;
  if (size > published.size || size === 0) throw new AppError('LEDGER_SIZE_INVALID');
  let index = query.index;
  if (index === undefined) {
    if (query.leafHash === undefined) throw new AppError('VALIDATION_FAILED', 'Give an index or a leaf hash');
    index = await deps.store.indexOfLeafHash(query.leafHash);
    if (index === undefined) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  }
  if (index >= size) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  const readTiles = deps.store.readTiles.bind(deps.store);
  // The leaf hash is in the level-0 tile: one read (often none, from cache) gives it and the proof.
  const isCheckpoint = size === published.size;
  const plan = [
    [{ level: 0, index }],
    ...(isCheckpoint ? [] : [rootPlan(size)]),
    ...inclusionProofPlan(index, size),
  ];
  const [leafHash, ...rest] = await proofFromTiles(readTiles, plan, undefined, size);
  const root = isCheckpoint ? published.root : rest.shift()!;
  return {
    index,
    size,
    leafHash: leafHash!,
    proof: rest,
    root,
    ...(size === published.size ? { checkpoint: published.publishedNote } : {}),
  };
}
