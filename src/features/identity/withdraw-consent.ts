import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import { deviceCommitmentOf, type IdentityDeps } from './identity-deps';
import type { ConsentRecord } from './identity-store.port';

/**
 * The borrower withdraws a consent (撤回同意). The withdrawal is recorded beside the consent, with
 * its own time, method and device commitment, and anchored on the ledger; steps that need the consent
 * stop until it is given again.
 */
export async function withdrawConsent({
  deps,
  actor,
  capture,
  id,
  method = 'click',
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture?: Capture | undefined;
  id: string;
  method?: 'click';
}): Promise<ConsentRecord> {
  const consent = (await deps.store.consentsOf(actor.accountId)).find((c) => c.id === id);
  if (!consent) throw new AppError('CONSENT_NOT_FOUND');
  if (consent.withdrawnAt) throw new AppError('CONSENT_ALREADY_WITHDRAWN');
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'consent',
    accountId: actor.accountId,
    actor,
    capture,
    at,
    record: {
      kind: 'consent',
      action: 'withdrawn',
      consentId: id,
      consent: consent.kind,
      textVersion: consent.textVersion,
      method,
      at: at.toISOString(),
    },
  });
  const withdrawn = await deps.store.withdrawConsent({
    id,
    accountId: actor.accountId,
    at,
    method,
    deviceCommitment: deviceCommitmentOf(evidence),
    leafHash: evidence.leafHash.toString('hex'),
    evidence,
  });
  if (!withdrawn) throw new AppError('CONSENT_ALREADY_WITHDRAWN');
  deps.evidence.sequence();
  // PIPL art. 47: face data goes as soon as its consent does (the daily sweep retries a failure).
  if (consent.kind === 'face_data' || consent.kind === 'face_image_retention')
    await deps.eraseFaceData({ accountId: actor.accountId });
  return withdrawn;
}
