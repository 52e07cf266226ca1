import { createHash } from 'node:crypto';
import Decimal from 'decimal.js';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { ContractsDeps } from './contracts-deps';
import type { ContractRecord, SealAuthorisationRecord, SignerRecord } from './contract-store.port';

/** The newest unrevoked, unexpired seal authorisation covering `amount`, if any. */
export async function activeSealAuthorisationFor({
  deps,
  amount,
}: {
  deps: Pick<ContractsDeps, 'store' | 'clock'>;
  amount: string;
}): Promise<SealAuthorisationRecord | undefined> {
  const now = deps.clock();
  return (await deps.store.sealAuthorisations())
    .filter((a) => a.revokedAt === null && a.expiresAt > now && new Decimal(a.maxAmount).gte(amount))
    .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime())[0];
}

/**
 * The bank's seal (贷款人盖章) on a contract every person has signed, then the chain, revocation data and
 * a document timestamp (PAdES B-LTA): either an approver applies it (the route needs a fresh second
 * factor), or the system does under a standing seal authorisation, whose id is recorded with the
 * signature and on the ledger. The signed contract's hash goes on the ledger and the application moves
 * to contract_signed.
 */
export async function applyBankSeal({
  deps,
  actor,
  capture,
  authorisation,
  contractId,
}: {
  deps: ContractsDeps;
  /** The approver, or null when a seal authorisation applies it. */
  actor: Actor | null;
  capture?: Capture;
  authorisation?: SealAuthorisationRecord;
  contractId: string;
}): Promise<{ contract: ContractRecord; signers: SignerRecord[] }> {
  const contract = await deps.store.findById(contractId);
  if (!contract) throw new AppError('CONTRACT_NOT_FOUND');
  if (contract.status !== 'awaiting_seal') throw new AppError('CONTRACT_NOT_AWAITING_SEAL');
  // As for signing: no seal on the contract of an application that has left approved (withdrawn).
  const application = await deps.applications.find(contract.applicationId);
  if (application?.status !== 'approved')
    throw new AppError('ILLEGAL_TRANSITION', 'The application is no longer approved', {
      status: application?.status ?? null,
    });
  const signers = await deps.store.signers(contractId);
  const lender = signers.find((s) => s.role === 'lender');
  if (!lender) throw new AppError('CONTRACT_NOT_FOUND');
  const latest = await deps.store.document(contract.id, contract.revision);
  if (!latest) throw new AppError('CONTRACT_NOT_FOUND');

  const at = deps.clock();
  const sealed = await deps.documents.signAsBank({
    pdf: latest,
    fieldName: lender.fieldName,
    at,
    reason: authorisation ? `Lender seal; authorisation ${authorisation.id}` : 'Lender seal',
    locale: contract.locale,
    bankName: contract.data.lender.name,
  });
  const finished = await deps.documents.finish(sealed.pdf);
  const sha256 = createHash('sha256').update(finished).digest('hex');
  const evidenceActor = actor ?? { accountId: null, role: 'system' };
  const evidence = [
    await deps.evidence.prepare({
      type: 'contract.signature',
      applicationId: contract.applicationId,
      actor: evidenceActor,
      capture,
      at,
      record: {
        contractId: contract.id,
        field: lender.fieldName,
        role: 'lender',
        revision: contract.revision + 1,
        certificateSha256: sealed.certificateSha256,
        certificateSerial: sealed.certificateSerial,
        sealAuthorisationId: authorisation?.id ?? null,
      },
    }),
    await deps.evidence.prepare({
      type: 'contract.document',
      applicationId: contract.applicationId,
      actor: evidenceActor,
      capture,
      at,
      record: {
        stage: 'signed',
        contractId: contract.id,
        pdfSha256: sha256,
        revision: contract.revision + 1,
      },
    }),
  ];
  const written = await deps.store.appendSignature({
    contractId: contract.id,
    expectedRevision: contract.revision,
    pdf: finished,
    sha256,
    signer: {
      id: lender.id,
      signedAt: at,
      signedBy: actor?.accountId ?? null,
      sealAuthorisationId: authorisation?.id ?? null,
      certificateSha256: sealed.certificateSha256,
      certificateSerial: sealed.certificateSerial,
      intent: null,
      intentSha256: null,
    },
    status: 'signed',
    completedAt: at,
    evidence,
  });
  if (!written) throw new AppError('CONTRACT_NOT_AWAITING_SEAL');
  deps.evidence.sequence();
  await deps.applications.markContractSigned({ applicationId: contract.applicationId, contractId });
  return {
    contract: (await deps.store.findById(contractId))!,
    signers: await deps.store.signers(contractId),
  };
}
