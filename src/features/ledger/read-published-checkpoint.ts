import { AppError } from '../../core/errors';
import type { CheckpointRecord } from './ledger-store.port';
import type { LedgerDeps } from './ledger-deps';

/** The latest published checkpoint (cosigned by the required witnesses, when there are any). */
export async function readPublishedCheckpoint(
  deps: Pick<LedgerDeps, 'store'>,
): Promise<CheckpointRecord & { publishedNote: string }> {
  const c = await deps.store.latestPublishedCheckpoint();
  if (c === undefined || c.publishedNote === null) throw new AppError('LEDGER_NO_CHECKPOINT');
  return { ...c, publishedNote: c.publishedNote };
}
