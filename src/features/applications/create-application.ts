import { randomUUID } from 'node:crypto';
import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ApplicationRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import { normaliseDetails } from './normalise-details';
import { submitApplication } from './submit-application';

const kindOfRole = { borrower_individual: 'individual', borrower_enterprise: 'enterprise' } as const;

/**
 * A borrower starts an application: saved as a draft, or submitted (and screened) at once with
 * `submit`. Individuals file individual applications, enterprise accounts enterprise ones.
 */
export async function createApplication({
  deps,
  actor,
  kind,
  details,
  submit = false,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  kind: ApplicationKind;
  details: ApplicationDetails;
  submit?: boolean;
}): Promise<ApplicationRecord> {
  const accountKind = kindOfRole[actor.role as keyof typeof kindOfRole];
  if (!accountKind) throw new AppError('FORBIDDEN', 'Only borrowers apply for loans');
  if (accountKind !== kind)
    throw new AppError(
      'APPLICATION_KIND_MISMATCH',
      `A ${actor.role} account files ${accountKind} applications`,
    );
  const record = await deps.applications.create({
    id: randomUUID(),
    kind,
    borrowerAccountId: actor.accountId,
    details: normaliseDetails({ kind, details, policy: deps.policy }),
    event: {
      fromStatus: null,
      toStatus: 'draft',
      actorAccountId: actor.accountId,
      actorRole: actor.role,
      reason: null,
    },
  });
  return submit
    ? submitApplication({ deps, actor, id: record.id, version: record.version, loaded: record })
    : record;
}
