import type { Actor } from '../../core/accounts/roles';
import { endToEndIdOf } from '../../core/disbursement/disbursement-status';
import { parseIdempotencyKey, requestFingerprint } from '../../core/disbursement/request-fingerprint';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import { formatYuan, Yuan } from '../../core/money/money';
import type { DisbursementView, RequestDisbursementBody } from '../../contracts/disbursement.schema';
import type { DisbursementDeps } from './disbursement-deps';
import type { DisbursementRecord } from './disbursement-store.port';
import { viewDisbursement } from './disbursement-view';

export interface DisbursementAnswer {
  status: number;
  body: DisbursementView;
  /** True when this is the stored answer to an earlier request with the same key. */
  isReplay: boolean;
}

/**
 * Requests a loan's disbursement (放款申请) under an Idempotency-Key
 * (draft-ietf-httpapi-idempotency-key-header): a missing or malformed key is refused (400); the key is
 * recorded for this caller before anything else, so the same key while the first request runs gets
 * 409, the same key with another request (body, loan, route) 422, and the same request again the
 * stored first answer. Only a contract_signed loan whose contract every party signed and the bank
 * sealed, with no condition precedent outstanding and the contract's exact amount, is disbursed; the
 * disbursement, its outbox message, its evidence and the key's answer commit together, then the
 * dispatcher is nudged. A refused request stores nothing and frees the key.
 */
export async function requestDisbursement({
  deps,
  actor,
  capture,
  applicationId,
  idempotencyKey,
  path,
  input,
}: {
  deps: DisbursementDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  /** The raw Idempotency-Key header. */
  idempotencyKey: string | readonly string[] | undefined;
  /** The request's path (with the loan's id), part of its fingerprint. */
  path: string;
  input: RequestDisbursementBody;
}): Promise<DisbursementAnswer> {
  const key = parseIdempotencyKey(idempotencyKey);
  if (key === undefined) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  const fingerprint = requestFingerprint({
    method: 'POST',
    path,
    callerAccountId: actor.accountId,
    body: { amount: formatYuan(input.amount), note: input.note ?? null },
  });
  const now = deps.clock();
  const claim = await deps.store.claimIdempotencyKey({
    accountId: actor.accountId,
    key,
    fingerprint,
    now,
    staleBefore: new Date(now.getTime() - deps.settings.inFlightStaleMs),
  });
  if (claim.kind === 'mismatch') throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (claim.kind === 'in_flight') throw new AppError('IDEMPOTENCY_KEY_IN_FLIGHT');
  if (claim.kind === 'replay')
    return { status: claim.status, body: claim.body as DisbursementView, isReplay: true };

  try {
    const disbursement = await checkAndBuild({ deps, actor, applicationId, amount: input.amount });
    const body = viewDisbursement(disbursement);
    const evidence = await deps.evidence.prepare({
      type: 'disbursement',
      applicationId,
      actor: { accountId: actor.accountId, role: actor.role },
      capture,
      record: {
        kind: 'disbursement.requested',
        disbursementId: disbursement.id,
        applicationId,
        contractId: disbursement.contractId,
        amount: disbursement.amount,
        currency: disbursement.currency,
        endToEndId: disbursement.endToEndId,
        note: input.note ?? null,
        at: disbursement.requestedAt.toISOString(),
      },
      at: disbursement.requestedAt,
    });
    await deps.store.createRequested({
      disbursement,
      evidence: [evidence],
      idempotency: { accountId: actor.accountId, key, responseStatus: 202, responseBody: body },
      at: disbursement.requestedAt,
    });
    deps.evidence.sequence();
    deps.nudge();
    return { status: 202, body, isReplay: false };
  } catch (e) {
    // Nothing is stored for a refused request: the key is free for a corrected retry — unless another
    // request took it over meanwhile (this one looked dead), which keeps it.
    await deps.store
      .releaseIdempotencyKey({ accountId: actor.accountId, key, lockedAt: now })
      .catch(() => {});
    throw e;
  }
}

async function checkAndBuild({
  deps,
  actor,
  applicationId,
  amount,
}: {
  deps: DisbursementDeps;
  actor: Actor;
  applicationId: string;
  amount: string;
}): Promise<DisbursementRecord> {
  const application = await deps.applications.find(applicationId);
  if (!application) throw new AppError('APPLICATION_NOT_FOUND');
  const live = (await deps.store.listByApplication(applicationId)).find((d) => d.status !== 'failed');
  if (live) throw new AppError('DISBURSEMENT_EXISTS', undefined, { disbursementId: live.id });
  if (application.status !== 'contract_signed')
    throw new AppError('DISBURSEMENT_NOT_READY', `The application is ${application.status}`, {
      status: application.status,
    });
  const contract = await deps.contracts.ofApplication(applicationId);
  if (!contract || contract.status !== 'signed')
    throw new AppError('DISBURSEMENT_NOT_READY', 'The contract is not signed by every party and sealed');
  if (!new Yuan(amount).eq(contract.amount))
    throw new AppError('DISBURSEMENT_AMOUNT_MISMATCH', undefined, { contractAmount: contract.amount });
  const outstanding = await deps.conditions.outstanding(applicationId);
  if (outstanding.length > 0) throw new AppError('CONDITIONS_OUTSTANDING', undefined, { outstanding });
  const id = deps.newId();
  return {
    id,
    applicationId,
    contractId: contract.id,
    amount: formatYuan(contract.amount),
    currency: 'CNY',
    status: 'requested',
    endToEndId: endToEndIdOf(id),
    requestedBy: actor.accountId,
    requestedAt: deps.clock(),
    sentAt: null,
    settledAt: null,
    failedAt: null,
    failureReason: null,
    gatewayReference: null,
  };
}
