import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ContractsDeps } from './contracts-deps';
import type { ContractRecord, SignerRecord } from './contract-store.port';
import { loadVisibleContract } from './contract-views';

/**
 * Records that a signer had a page of the unsigned contract on screen (阅读留痕): the first time only,
 * with the server's clock. Signing needs every page read.
 */
export async function recordPageRead({
  deps,
  actor,
  contractId,
  page,
}: {
  deps: Pick<ContractsDeps, 'store' | 'clock'>;
  actor: Actor;
  contractId: string;
  page: number;
}): Promise<{ contract: ContractRecord; signers: SignerRecord[] }> {
  const found = await loadVisibleContract({ deps, actor, contractId });
  if (!found.signers.some((s) => s.accountId === actor.accountId))
    throw new AppError('FORBIDDEN', 'Only a party who signs records their reading');
  if (page > found.contract.pageCount)
    throw new AppError('VALIDATION_FAILED', 'No such page', { page, pageCount: found.contract.pageCount });
  await deps.store.recordPageRead({ contractId, accountId: actor.accountId, page, at: deps.clock() });
  return found;
}
