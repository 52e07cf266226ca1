import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ContractView } from '../../contracts/loan-contracts.schema';
import type { ContractsDeps } from './contracts-deps';
import type { ContractRecord, SignerRecord } from './contract-store.port';
import { viewContract } from './contract-views';

/** The contracts the caller signs, as borrower or guarantor, newest first. */
export async function listMyContracts({
  deps,
  actor,
}: {
  deps: Pick<ContractsDeps, 'store'>;
  actor: Actor;
}): Promise<ContractView[]> {
  const contracts = await deps.store.listForAccount(actor.accountId);
  return Promise.all(
    contracts.map(async (contract) =>
      viewContract({ deps, actor, contract, signers: await deps.store.signers(contract.id) }),
    ),
  );
}

/**
 * An application's contract, for caseworkers. A contract found signed while its application is still
 * approved (a crash between the two commits) moves the application on now.
 */
export async function loadApplicationContract({
  deps,
  applicationId,
}: {
  deps: Pick<ContractsDeps, 'store' | 'applications'>;
  applicationId: string;
}): Promise<{ contract: ContractRecord; signers: SignerRecord[] }> {
  const contract = await deps.store.findByApplication(applicationId);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND');
  if (contract.status === 'signed') {
    const application = await deps.applications.find(applicationId);
    if (application?.status === 'approved')
      await deps.applications.markContractSigned({ applicationId, contractId: contract.id });
  }
  return { contract, signers: await deps.store.signers(contract.id) };
}
