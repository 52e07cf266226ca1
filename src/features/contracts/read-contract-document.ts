import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ContractsDeps } from './contracts-deps';
import { loadVisibleContract } from './contract-views';

/** The unsigned contract (what every party reads) or its newest revision, for a party or a caseworker. */
export async function readContractDocument({
  deps,
  actor,
  contractId,
  revision,
}: {
  deps: Pick<ContractsDeps, 'store'>;
  actor: Actor;
  contractId: string;
  revision: 'original' | 'latest';
}): Promise<{ pdf: Buffer; filename: string }> {
  const { contract } = await loadVisibleContract({ deps, actor, contractId });
  const n = revision === 'original' ? 0 : contract.revision;
  const pdf = await deps.store.document(contract.id, n);
  if (!pdf) throw new AppError('CONTRACT_NOT_FOUND');
  const suffix = revision === 'original' ? '' : contract.status === 'signed' ? '-signed' : `-r${n}`;
  return { pdf, filename: `${contract.contractNumber}${suffix}.pdf` };
}
