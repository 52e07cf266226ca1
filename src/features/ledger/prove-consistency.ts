import { AppError } from '../../core/errors';
import { consistencyProofPlan } from '../../core/ledger/merkle/consistency-proof-plan';
import { rootPlan } from '../../core/ledger/merkle/root-plan';
import type { LedgerDeps } from './ledger-deps';
import { proofFromTiles } from './proof-from-tiles';
import { readPublishedCheckpoint } from './read-published-checkpoint';

/** An RFC 9162 consistency proof between two tree sizes (`to` defaults to the latest published checkpoint). */
export async function proveConsistency(
  deps: Pick<LedgerDeps, 'store'>,
  query: { from: number; to?: number | undefined },
): Promise<{ from: number; to: number; fromRoot: Buffer; toRoot: Buffer; proof: Buffer[] }> {
  const published = await readPublishedCheckpoint(deps);
  const to = query.to ?? published.size;
  if (to > published.size || query.from < 1 || query.from > to) throw new AppError('LEDGER_SIZE_INVALID');
  const readTiles = deps.store.readTiles.bind(deps.store);
  const [fromRoot, toRoot, ...proof] = await proofFromTiles(
    readTiles,
    [rootPlan(query.from), rootPlan(to), ...consistencyProofPlan(query.from, to)],
    undefined,
    to,
  );
  return { from: query.from, to, fromRoot: fromRoot!, toRoot: toRoot!, proof };
}
