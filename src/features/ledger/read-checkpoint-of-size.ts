import { AppError } from '../../core/errors';
import type { LedgerDeps } from './ledger-deps';

/**
 * An earlier published checkpoint, by tree size: the log keeps every one it signed, so anyone can
 * fetch the cosigned note that was current at the time (the witnesses' cosignature times bound when
 * that tree existed) and ask for a consistency proof from it to today's.
 */
export async function readCheckpointOfSize(deps: Pick<LedgerDeps, 'store'>, size: number): Promise<string> {
  const c = await deps.store.checkpointOfSize(size);
  if (c === undefined || c.publishedNote === null)
    throw new AppError('LEDGER_SIZE_INVALID', 'No published checkpoint of that size');
  return c.publishedNote;
}
