import type { ApplicationDetails } from '../../core/application/application';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ApplicationRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import { loadApplication } from './load-application';
import { normaliseDetails } from './normalise-details';

/** The borrower saves a draft again (resume later). Only drafts change; a stale version answers 409. */
export async function updateDraft({
  deps,
  actor,
  id,
  version,
  details,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  id: string;
  version: number;
  details: ApplicationDetails;
}): Promise<ApplicationRecord> {
  const current = await loadApplication({ deps, actor, id });
  if (current.borrowerAccountId !== actor.accountId)
    throw new AppError('FORBIDDEN', 'Only the borrower edits a draft');
  if (current.status !== 'draft')
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Only drafts can be edited; this application is ${current.status}`,
      { from: current.status },
    );
  if (current.version !== version)
    throw new AppError('APPLICATION_CONFLICT', undefined, { currentVersion: current.version });
  const updated = await deps.applications.updateDraft({
    id,
    kind: current.kind,
    expectedVersion: version,
    details: normaliseDetails({ kind: current.kind, details, policy: deps.policy }),
  });
  if (!updated) throw new AppError('APPLICATION_CONFLICT');
  return updated;
}
