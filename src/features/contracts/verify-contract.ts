import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ContractVerificationView } from '../../contracts/loan-contracts.schema';
import type { ContractsDeps } from './contracts-deps';
import { loadVisibleContract } from './contract-views';

/**
 * The verification report of a contract's newest revision (验签报告): each signature's signer, claimed and
 * proven time, integrity, chain to the platform root and timestamp, checked again from the bytes now.
 */
export async function verifyContract({
  deps,
  actor,
  contractId,
}: {
  deps: Pick<ContractsDeps, 'store' | 'documents' | 'clock'>;
  actor: Actor;
  contractId: string;
}): Promise<ContractVerificationView> {
  const { contract } = await loadVisibleContract({ deps, actor, contractId });
  const pdf = await deps.store.document(contract.id, contract.revision);
  if (!pdf) throw new AppError('CONTRACT_NOT_FOUND');
  const checks = await deps.documents.verify(pdf);
  const signatures = checks.filter((c) => c.kind === 'signature');
  const docTimestamp = checks.find((c) => c.kind === 'document-timestamp');
  const fine = (c: (typeof checks)[number]) => c.integrity && c.chainValid && c.timestampValid;
  return {
    contractId: contract.id,
    fileHash: createHash('sha256').update(pdf).digest('hex'),
    // Bytes after the last signature are covered by none: intact signatures, but not the signed file.
    valid: signatures.length > 0 && checks.every(fine) && checks.some((c) => c.coversWholeDocument),
    signatures: signatures.map((c) => ({
      fieldName: c.fieldName ?? '',
      signer: c.signer ?? '',
      claimedTime: c.claimedTime?.toISOString() ?? null,
      timestampTime: c.timestampTime?.toISOString() ?? null,
      integrity: c.integrity,
      certificateChainValid: c.chainValid,
      timestampValid: c.timestampValid,
      coversWholeDocument: c.coversWholeDocument,
      problems: c.problems,
    })),
    documentTimestamp:
      docTimestamp && docTimestamp.timestampTime
        ? { time: docTimestamp.timestampTime.toISOString(), valid: fine(docTimestamp) }
        : null,
    checkedAt: deps.clock().toISOString(),
  };
}
