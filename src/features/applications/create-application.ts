import { randomUUID } from 'node:crypto';
import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ApplicationRecord } from './application-store.port';
import type { ApplicationsDeps } from './applications-deps';
import type { Capture } from '../../core/ledger/evidence/capture';
import { detailsDigest, eventEvidence } from './event-evidence';
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
  capture,
}: {
  deps: ApplicationsDeps;
  actor: Actor;
  kind: ApplicationKind;
  details: ApplicationDetails;
  submit?: boolean;
  /** Where the request came from (anchored as commitments with the evidence). */
  capture?: Capture | undefined;
}): Promise<ApplicationRecord> {
  const accountKind = kindOfRole[actor.role as keyof typeof kindOfRole];
  if (!accountKind) throw new AppError('FORBIDDEN', 'Only borrowers apply for loans');
  if (accountKind !== kind)
    throw new AppError(
      'APPLICATION_KIND_MISMATCH',
      `A ${actor.role} account files ${accountKind} applications`,
    );
  const id = randomUUID();
  const normalised = normaliseDetails({ kind, details, policy: deps.policy });
  const event = {
    fromStatus: null,
    toStatus: 'draft',
    actorAccountId: actor.accountId,
    actorRole: actor.role,
    reason: null,
  } as const;
  const [evidence] = await eventEvidence(deps, {
    applicationId: id,
    events: [event],
    capture,
    extra: [
      { applicationKind: kind, productCode: normalised.loan.productCode, details: detailsDigest(normalised) },
    ],
  });
  const record = await deps.applications.create({
    id,
    kind,
    borrowerAccountId: actor.accountId,
    details: normalised,
    event,
    evidence: evidence!,
  });
  if (submit)
    return submitApplication({
      deps,
      actor,
      id: record.id,
      version: record.version,
      loaded: record,
      capture,
    });
  deps.evidence.sequence();
  return record;
}
