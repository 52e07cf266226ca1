import type { ApplicationStatus, TransitionActor } from '../core/application/lifecycle';
import { canTransition } from '../core/application/lifecycle';
import type { CanonicalValue } from '../core/ledger/evidence/canonical-json';
import type { Capture } from '../core/ledger/evidence/capture';
import type { PreparedEvidence } from '../core/ledger/evidence/prepared-evidence';
import type { ApplicationRecord, NewEvent } from '../features/applications/application-store.port';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import { eventEvidence } from '../features/applications/event-evidence';

/**
 * Moves an application on for another capability (identity, approvals, contracts, disbursement):
 * reads it again, checks the lifecycle lets `as` make the move (and that it is still in one of `from`,
 * when given), and appends the event with its ledger evidence in one transaction guarded by the
 * application's version; a concurrent change is retried (3 attempts). An application that may not
 * make the move — typically one already moved — is left as it is. Returns the moved record, or
 * undefined when nothing moved.
 */
export async function moveApplication(
  deps: ApplicationsDeps,
  {
    applicationId,
    to,
    as,
    actor,
    reason,
    from,
    capture,
    record,
    moreEvidence,
  }: {
    applicationId: string;
    to: ApplicationStatus;
    /** Who the lifecycle sees: the borrower, staff or the system. */
    as: TransitionActor;
    /** The account and role recorded on the event (null and 'system' for the system). */
    actor: { accountId: string | null; role: string };
    reason: string;
    from?: readonly ApplicationStatus[];
    capture?: Capture | undefined;
    /** Fields added to the event's ledger record (what caused the move). */
    record?: { readonly [key: string]: CanonicalValue };
    /** Further leaves committed with the move. */
    moreEvidence?: (app: ApplicationRecord) => Promise<PreparedEvidence[]>;
  },
): Promise<ApplicationRecord | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const app = await deps.applications.findById(applicationId);
    if (!app || (from && !from.includes(app.status)) || !canTransition({ from: app.status, to, actor: as }))
      return undefined;
    const events: NewEvent[] = [
      {
        fromStatus: app.status,
        toStatus: to,
        actorAccountId: actor.accountId,
        actorRole: actor.role,
        reason,
      },
    ];
    const evidence = [
      ...(await eventEvidence(deps, { applicationId: app.id, events, capture, extra: [record] })),
      ...((await moreEvidence?.(app)) ?? []),
    ];
    const updated = await deps.applications.transition({
      id: app.id,
      expectedVersion: app.version,
      status: to,
      events,
      evidence,
    });
    if (updated) {
      deps.evidence.sequence();
      return updated;
    }
  }
  return undefined;
}
