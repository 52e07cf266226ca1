import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { SIGNING_INTENT } from '../../core/contract/signing-intent';
import { AppError } from '../../core/errors';
import { canonicalJson, type CanonicalValue } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { SignContractBody } from '../../contracts/loan-contracts.schema';
import { applyBankSeal, activeSealAuthorisationFor } from './apply-bank-seal';
import type { ContractsDeps } from './contracts-deps';
import type { ContractRecord, SignerRecord, SigningIntent } from './contract-store.port';
import { loadVisibleContract, signersDue } from './contract-views';

/** How often a signature is retried when another party's signature lands on the same revision first. */
const ATTEMPTS = 4;

/**
 * A borrower or guarantor signs (签署): only their own field, only at their turn, only after opening
 * every page of the unsigned contract, with the content hash of what they read matching, after ticking
 * "I have read and agree" and — enforced by the route's step-up — a second factor within 5 minutes. The
 * intent record (what was agreed, pages read, the factor's time) is hashed and the hash is written into
 * the signature dictionary the signature covers, and onto the ledger with the signature. The key is
 * made for this event and destroyed after it. When the last person has signed, the bank's seal follows
 * at once under an active seal authorisation; otherwise the contract waits for an approver.
 */
export async function signContract({
  deps,
  actor,
  capture,
  contractId,
  input,
  secondFactor,
}: {
  deps: ContractsDeps;
  actor: Actor;
  capture?: Capture;
  contractId: string;
  input: SignContractBody;
  /** The second factor the caller's session proved last, and when (step-up has checked it is recent). */
  secondFactor: { at: Date | null; method: 'totp' | 'passkey' | 'recovery_code' | null };
}): Promise<{ contract: ContractRecord; signers: SignerRecord[] }> {
  const { at: provedAt, method } = secondFactor;
  if (provedAt === null || method === null) throw new AppError('STEP_UP_REQUIRED');
  let { contract, signers } = await loadVisibleContract({ deps, actor, contractId });
  const mine = () => signers.find((s) => s.accountId === actor.accountId && s.role !== 'lender');
  if (!mine()) throw new AppError('CONTRACT_NOT_FOUND');
  if (input.contentHash !== contract.contentSha256) throw new AppError('CONTRACT_CHANGED');
  if (input.intentVersion !== SIGNING_INTENT.version)
    throw new AppError('VALIDATION_FAILED', 'The intent statement was replaced; reload the contract', {
      current: SIGNING_INTENT.version,
    });
  const statementSha256 = createHash('sha256').update(SIGNING_INTENT.text[contract.locale]).digest('hex');

  const reads = (await deps.store.pagesRead(contract.id)).get(actor.accountId) ?? [];
  const missing: number[] = [];
  for (let p = 1; p <= contract.pageCount; p++) if (!reads.some((r) => r.page === p)) missing.push(p);
  if (missing.length > 0) throw new AppError('CONTRACT_NOT_READ', undefined, { missingPages: missing });

  for (let attempt = 1; ; attempt++) {
    const signer = mine()!;
    if (signer.status === 'signed') throw new AppError('ALREADY_SIGNED');
    if (!signersDue(contract, signers).some((s) => s.id === signer.id))
      throw new AppError('NOT_YOUR_TURN', undefined, { status: contract.status });
    // A contract binds only while its application is approved: once the borrower has withdrawn (or the
    // application otherwise left approved), signing would make a contract for a loan that is gone.
    const application = await deps.applications.find(contract.applicationId);
    if (application?.status !== 'approved')
      throw new AppError('ILLEGAL_TRANSITION', 'The application is no longer approved', {
        status: application?.status ?? null,
      });

    const at = deps.clock();
    const intent: SigningIntent = {
      intentVersion: input.intentVersion,
      statementSha256,
      agreed: true,
      contentSha256: contract.contentSha256,
      pagesRead: reads.map((r) => ({ page: r.page, at: r.at.toISOString() })),
      authentication: { method, provedAt: provedAt.toISOString() },
      confirmedAt: at.toISOString(),
    };
    const intentSha256 = createHash('sha256')
      .update(canonicalJson(intent as unknown as CanonicalValue))
      .digest('hex');
    const latest = await deps.store.document(contract.id, contract.revision);
    if (!latest) throw new AppError('CONTRACT_NOT_FOUND');
    const role = signer.role as 'borrower' | 'guarantor';
    const signed = await deps.documents.signAsPerson({
      pdf: latest,
      at,
      reason: `${role === 'borrower' ? 'Borrower' : 'Guarantor'} agrees; intent sha256:${intentSha256}`,
      locale: contract.locale,
      party: {
        fieldName: signer.fieldName,
        role,
        name: signer.displayName,
        idNumberCommitment: signer.idNumberCommitment ?? '',
        applicationId: contract.applicationId,
      },
    });
    const sha256 = createHash('sha256').update(signed.pdf).digest('hex');
    const othersPending = signers.some(
      (s) => s.role !== 'lender' && s.status === 'pending' && s.id !== signer.id,
    );
    const evidence = await deps.evidence.prepare({
      type: 'contract.signature',
      applicationId: contract.applicationId,
      actor,
      capture,
      at,
      record: {
        contractId: contract.id,
        field: signer.fieldName,
        role,
        revision: contract.revision + 1,
        pdfSha256: sha256,
        certificateSha256: signed.certificateSha256,
        certificateSerial: signed.certificateSerial,
        idNumberCommitment: signer.idNumberCommitment,
        intentSha256,
        intentVersion: input.intentVersion,
      },
    });
    const written = await deps.store.appendSignature({
      contractId: contract.id,
      expectedRevision: contract.revision,
      pdf: signed.pdf,
      sha256,
      signer: {
        id: signer.id,
        signedAt: at,
        signedBy: actor.accountId,
        sealAuthorisationId: null,
        certificateSha256: signed.certificateSha256,
        certificateSerial: signed.certificateSerial,
        intent,
        intentSha256,
      },
      status: othersPending ? 'signing' : 'awaiting_seal',
      completedAt: null,
      evidence: [evidence],
    });
    ({ contract, signers } = await loadVisibleContract({ deps, actor, contractId }));
    if (written) break;
    if (attempt >= ATTEMPTS) throw new AppError('APPLICATION_CONFLICT');
  }
  deps.evidence.sequence();

  if (contract.status === 'awaiting_seal') {
    const authorisation = await activeSealAuthorisationFor({ deps, amount: contract.amount });
    if (authorisation) {
      try {
        return await applyBankSeal({ deps, actor: null, authorisation, contractId: contract.id });
      } catch (e) {
        // Someone sealed it first, or the authorisation lapsed meanwhile: the person's signature stands.
        if (!(e instanceof AppError && e.code === 'CONTRACT_NOT_AWAITING_SEAL')) throw e;
        ({ contract, signers } = await loadVisibleContract({ deps, actor, contractId }));
      }
    }
  }
  return { contract, signers };
}
