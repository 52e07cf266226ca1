import type { Actor } from '../../core/accounts/roles';
import { isBorrower, isCaseworker } from '../../core/accounts/roles';
import { SIGNING_INTENT } from '../../core/contract/signing-intent';
import { AppError } from '../../core/errors';
import type { ContractView } from '../../contracts/loan-contracts.schema';
import type { ContractsDeps } from './contracts-deps';
import type { ContractRecord, SignerRecord } from './contract-store.port';

/**
 * The contract, if the actor may see it: caseworkers see every contract, a borrower or guarantor only
 * the ones they sign. Anyone else gets CONTRACT_NOT_FOUND (a 404, so ids reveal nothing).
 */
export async function loadVisibleContract({
  deps,
  actor,
  contractId,
}: {
  deps: Pick<ContractsDeps, 'store'>;
  actor: Actor;
  contractId: string;
}): Promise<{ contract: ContractRecord; signers: SignerRecord[] }> {
  const contract = await deps.store.findById(contractId);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND');
  const signers = await deps.store.signers(contractId);
  const allowed =
    isCaseworker(actor.role) ||
    (isBorrower(actor.role) && signers.some((s) => s.accountId === actor.accountId));
  if (!allowed) throw new AppError('CONTRACT_NOT_FOUND');
  return { contract, signers };
}

/**
 * The people whose turn it is: in sequential order the first person who has not signed; in parallel
 * order every person who has not. The bank seals last in both, once every person has signed.
 */
export function signersDue(contract: ContractRecord, signers: SignerRecord[]): SignerRecord[] {
  if (contract.status !== 'signing') return [];
  const pending = signers
    .filter((s) => s.role !== 'lender' && s.status === 'pending')
    .sort((a, b) => a.position - b.position);
  return contract.signingOrder === 'sequential' ? pending.slice(0, 1) : pending;
}

export async function viewContract({
  deps,
  actor,
  contract,
  signers,
}: {
  deps: Pick<ContractsDeps, 'store'>;
  actor: Actor;
  contract: ContractRecord;
  signers: SignerRecord[];
}): Promise<ContractView> {
  const reads = await deps.store.pagesRead(contract.id);
  const due = signersDue(contract, signers);
  return {
    id: contract.id,
    applicationId: contract.applicationId,
    contractNumber: contract.contractNumber,
    templateVersion: contract.templateVersion,
    locale: contract.locale,
    status: contract.status,
    signingOrder: contract.signingOrder,
    amount: contract.amount,
    termMonths: contract.termMonths,
    nominalAnnualRate: contract.nominalAnnualRate,
    annualisedRate: contract.annualisedRate,
    pageCount: contract.pageCount,
    contentHash: contract.contentSha256,
    currentHash: contract.currentSha256,
    signers: [...signers]
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        role: s.role,
        position: s.position,
        fieldName: s.fieldName,
        displayName: s.displayName,
        status: s.status,
        signedAt: s.signedAt?.toISOString() ?? null,
        pagesRead: s.accountId === null ? [] : (reads.get(s.accountId) ?? []).map((r) => r.page),
        isMe: s.accountId !== null && s.accountId === actor.accountId,
        sealAuthorisationId: s.sealAuthorisationId,
      })),
    canSign: due.some((s) => s.accountId === actor.accountId),
    intentStatement: { version: SIGNING_INTENT.version, text: SIGNING_INTENT.text[contract.locale] },
    createdAt: contract.createdAt.toISOString(),
    completedAt: contract.completedAt?.toISOString() ?? null,
  };
}
