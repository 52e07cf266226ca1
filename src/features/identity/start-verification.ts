import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { checkStatedIdentity } from '../../core/identity/stated-identity';
import type { Capture } from '../../core/ledger/evidence/capture';
import { missingConsents } from './active-consents';
import { chinaDateOf, type IdentityDeps } from './identity-deps';
import type { VerificationRecord } from './identity-store.port';

/**
 * The borrower states who they are (name and ID number; birth date and sex are read from the number,
 * and checked against it when stated too), and the identity authority answers. Submitting the details
 * to the authority is processing of personal information, so that consent comes first.
 */
export async function startVerification({
  deps,
  actor,
  capture,
  name,
  idNumber,
  birthDate,
  sex,
}: {
  deps: IdentityDeps;
  actor: Actor;
  capture?: Capture | undefined;
  name: string;
  idNumber: string;
  birthDate?: string | undefined;
  sex?: 'male' | 'female' | undefined;
}): Promise<VerificationRecord> {
  const now = deps.clock();
  const stated = checkStatedIdentity({ name, idNumber, birthDate, sex, today: chinaDateOf(now) });
  if (!stated.ok) throw new AppError('IDENTITY_DETAILS_INVALID', undefined, { reasons: stated.reasons });
  const missing = missingConsents(await deps.store.consentsOf(actor.accountId), ['personal_information']);
  if (missing.length) throw new AppError('CONSENT_REQUIRED', undefined, { missing });
  // Each authority request costs the bank money and probes a national database: a few a day.
  const dayAgo = now.getTime() - 86_400_000;
  const recent = (await deps.store.verificationsOf(actor.accountId)).filter(
    (v) => v.createdAt.getTime() > dayAgo,
  );
  if (recent.length >= deps.settings.verificationsPerDay) {
    const oldest = Math.min(...recent.map((v) => v.createdAt.getTime()));
    throw new AppError('RATE_LIMITED', undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil((oldest - dayAgo) / 1000)),
    });
  }

  const answer = await deps.authority.check({ name: stated.name, idNumber: stated.info.number });
  const id = randomUUID();
  const authorityCheck = {
    id: randomUUID(),
    verificationId: id,
    provider: answer.provider,
    requestKind: 'identity' as const,
    verdict: answer.verdict,
    similarity: answer.similarity ?? null,
    hasPhoto: answer.registeredPhoto !== undefined,
    responseSha256: answer.responseSha256,
    providerReference: answer.reference,
    requestedAt: answer.requestedAt,
    answeredAt: answer.answeredAt,
  };
  const evidence = await deps.evidence.prepare({
    type: 'identity.check',
    accountId: actor.accountId,
    actor,
    capture,
    at: now,
    record: {
      kind: 'identity.check',
      step: 'authority',
      verificationId: id,
      authorityCheckId: authorityCheck.id,
      provider: answer.provider,
      verdict: answer.verdict,
      responseSha256: answer.responseSha256,
      providerReference: answer.reference,
      answeredAt: answer.answeredAt.toISOString(),
    },
  });
  const record = await deps.store.startVerification({
    verification: {
      id,
      accountId: actor.accountId,
      status: answer.verdict === 'consistent' ? 'authority_passed' : 'authority_failed',
      name: stated.name,
      idNumber: stated.info.number,
      createdAt: now,
    },
    authorityCheck,
    evidence,
  });
  deps.evidence.sequence();
  return record;
}
