import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { SealAuthorisationView } from '../../contracts/loan-contracts.schema';
import type { ContractsDeps } from './contracts-deps';
import type { SealAuthorisationRecord } from './contract-store.port';

const DAY = 86_400_000;

export function viewSealAuthorisation(a: SealAuthorisationRecord, now: Date): SealAuthorisationView {
  return {
    id: a.id,
    scope: a.scope,
    maxAmount: a.maxAmount,
    reason: a.reason,
    grantedBy: a.grantedBy,
    grantedAt: a.grantedAt.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    revokedAt: a.revokedAt?.toISOString() ?? null,
    revokedBy: a.revokedBy,
    revokeReason: a.revokeReason,
    active: a.revokedAt === null && a.expiresAt > now,
  };
}

/**
 * Grants a standing authorisation for the bank's seal to sign loan contracts on its own (用印授权): up
 * to an amount, for a number of days, with a reason; recorded on the ledger. The route needs an admin
 * with a fresh second factor.
 */
export async function grantSealAuthorisation({
  deps,
  actor,
  capture,
  input,
}: {
  deps: Pick<ContractsDeps, 'store' | 'clock' | 'newId' | 'evidence'>;
  actor: Actor;
  capture?: Capture;
  input: { maxAmount: string; reason: string; validDays: number };
}): Promise<SealAuthorisationRecord> {
  const now = deps.clock();
  const record: SealAuthorisationRecord = {
    id: deps.newId(),
    scope: 'loan_contracts',
    maxAmount: input.maxAmount,
    reason: input.reason,
    grantedBy: actor.accountId,
    grantedAt: now,
    expiresAt: new Date(now.getTime() + input.validDays * DAY),
    revokedAt: null,
    revokedBy: null,
    revokeReason: null,
  };
  const evidence = await deps.evidence.prepare({
    type: 'contract.document',
    applicationId: actor.accountId,
    actor,
    capture,
    at: now,
    record: {
      stage: 'seal_authorisation_granted',
      authorisationId: record.id,
      scope: record.scope,
      maxAmount: record.maxAmount,
      expiresAt: record.expiresAt.toISOString(),
    },
  });
  await deps.store.addSealAuthorisation(record, evidence);
  deps.evidence.sequence();
  return record;
}

/** Revokes a seal authorisation with a reason; from then on the seal needs an approver again. */
export async function revokeSealAuthorisation({
  deps,
  actor,
  capture,
  id,
  reason,
}: {
  deps: Pick<ContractsDeps, 'store' | 'clock' | 'evidence'>;
  actor: Actor;
  capture?: Capture;
  id: string;
  reason: string;
}): Promise<SealAuthorisationRecord> {
  const existing = await deps.store.findSealAuthorisation(id);
  if (!existing) throw new AppError('SEAL_AUTHORISATION_NOT_FOUND');
  if (existing.revokedAt !== null) throw new AppError('SEAL_AUTHORISATION_REVOKED');
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'contract.document',
    applicationId: actor.accountId,
    actor,
    capture,
    at,
    record: { stage: 'seal_authorisation_revoked', authorisationId: id },
  });
  const revoked = await deps.store.revokeSealAuthorisation({ id, by: actor.accountId, reason, at, evidence });
  if (!revoked) throw new AppError('SEAL_AUTHORISATION_REVOKED');
  deps.evidence.sequence();
  return revoked;
}
