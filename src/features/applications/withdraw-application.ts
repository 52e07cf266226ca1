import { assertTransition } from '../../core/application/lifecycle';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ApplicationRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import type { Capture } from '../../core/ledger/evidence/capture';
import { eventEvidence } from './event-evidence';
import { loadApplication } from './load-application';

/** The borrower withdraws (撤回) an application that is not yet approved beyond recall. */
export async function withdrawApplication({
  deps,
  actor,
  id,
  reason,
  capture,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  id: string;
  reason?: string | undefined;
  capture?: Capture | undefined;
}): Promise<ApplicationRecord> {
  const app = await loadApplication({ deps, actor, id });
  if (app.borrowerAccountId !== actor.accountId)
    throw new AppError('FORBIDDEN', 'Only the borrower withdraws an application');
  assertTransition({ from: app.status, to: 'withdrawn', actor: 'borrower' });
  const events = [
    {
      fromStatus: app.status,
      toStatus: 'withdrawn' as const,
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      reason: reason?.trim() || null,
    },
  ];
  const updated = await deps.applications.transition({
    id,
    expectedVersion: app.version,
    status: 'withdrawn',
    events,
    evidence: await eventEvidence(deps, { applicationId: id, events, capture }),
  });
  if (!updated) throw new AppError('APPLICATION_CONFLICT');
  deps.evidence.sequence();
  return updated;
}
