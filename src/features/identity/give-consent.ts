import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { consentTextDigest, consentTexts, type ConsentKind } from '../../core/identity/consent-texts';
import type { Capture } from '../../core/ledger/evidence/capture';
import { deviceCommitmentOf, type IdentityDeps } from './identity-deps';
import type { ConsentRecord } from './identity-store.port';

/**
 * Records a consent to the text version the borrower was shown: the version and the text's SHA-256,
 * the language, how it was given (a click on the consent screen), when, and a commitment to the device,
 * anchored on the ledger in the same transaction.
 */
export async function giveConsent({
  deps,
  actor,
  capture,
  kind,
  textVersion,
  locale,
  method,
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture?: Capture | undefined;
  kind: ConsentKind;
  textVersion: string;
  locale: 'zh-CN' | 'en';
  method: 'click';
}): Promise<ConsentRecord> {
  const text = consentTexts[kind];
  if (textVersion !== text.version)
    throw new AppError('CONSENT_TEXT_OUTDATED', undefined, { kind, currentVersion: text.version });
  const at = deps.clock();
  const id = randomUUID();
  const textSha256 = consentTextDigest({ text, locale });
  const evidence = await deps.evidence.prepare({
    type: 'consent',
    accountId: actor.accountId,
    actor,
    capture,
    at,
    record: {
      kind: 'consent',
      action: 'given',
      consentId: id,
      consent: kind,
      textVersion,
      textSha256,
      locale,
      method,
      at: at.toISOString(),
    },
  });
  const consent: ConsentRecord = {
    id,
    accountId: actor.accountId,
    kind,
    textVersion,
    textSha256,
    locale,
    method,
    deviceCommitment: deviceCommitmentOf(evidence),
    leafHash: evidence.leafHash.toString('hex'),
    givenAt: at,
    withdrawnAt: null,
    withdrawalMethod: null,
    withdrawalDeviceCommitment: null,
  };
  await deps.store.addConsent(consent, evidence);
  deps.evidence.sequence();
  return consent;
}
