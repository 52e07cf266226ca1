import { isCaseworker, type Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ApplicationRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';

/**
 * The application if `actor` may see it: its own borrower, or a caseworker. Anyone else gets
 * APPLICATION_NOT_FOUND, the same answer as for an id that does not exist (no probing of ids).
 */
export async function loadApplication({
  deps,
  actor,
  id,
}: {
  deps: Pick<ApplicationsDeps, 'applications'>;
  actor: Actor;
  id: string;
}): Promise<ApplicationRecord> {
  const record = await deps.applications.findById(id);
  if (!record || !(record.borrowerAccountId === actor.accountId || isCaseworker(actor.role))) {
    throw new AppError('APPLICATION_NOT_FOUND');
  }
  return record;
}
