import type { LedgerDeps } from './ledger-deps';
import { prepareEvidence, type EvidenceInput } from './prepare-evidence';

/**
 * Anchors evidence in the log at once, for steps that have no transaction of their own to share.
 * Returns each leaf's index; it is durable when this returns. Integration into the tree and the next
 * checkpoint follow within moments.
 */
export async function recordEvidence(
  deps: Pick<LedgerDeps, 'secrets' | 'openings' | 'store'>,
  inputs: readonly EvidenceInput[],
): Promise<{ index: number; leafHash: Buffer }[]> {
  const prepared = await Promise.all(inputs.map((i) => prepareEvidence(deps, i)));
  const indices = await deps.store.append(prepared);
  return prepared.map((p, i) => ({ index: indices[i]!, leafHash: p.leafHash }));
}
