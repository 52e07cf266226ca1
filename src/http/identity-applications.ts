import { canTransition } from '../core/application/lifecycle';
import type { NewEvent } from '../features/applications/application-store.port';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import { eventEvidence } from '../features/applications/event-evidence';
import type { IdentityApplications } from '../features/identity/identity-deps';

/**
 * What identity verification needs of loan applications, built on the applications store: whose an
 * application is, and moving a verified borrower's applications under review on to identity_verified
 * (as the system, each move with its event and its evidence in one transaction). Only applications
 * that name the verified person (as applicant, or as a stakeholder of an enterprise application) move.
 */
export function identityApplications(deps: ApplicationsDeps): IdentityApplications {
  return {
    async borrowerOf(applicationId) {
      return (await deps.applications.findById(applicationId))?.borrowerAccountId;
    },
    async promoteVerified({ accountId, idNumber, verificationId }) {
      const { items } = await deps.applications.listByBorrower({
        borrowerAccountId: accountId,
        page: 1,
        pageSize: 1000,
      });
      const moved: string[] = [];
      for (const item of items.filter((i) => i.status === 'under_review')) {
        const app = await deps.applications.findById(item.id);
        if (!app || !canTransition({ from: app.status, to: 'identity_verified', actor: 'system' })) continue;
        const people = [
          app.details.applicant?.idNumber,
          ...(app.details.stakeholders ?? []).map((s) => s.idNumber),
        ];
        if (!people.some((n) => n?.toUpperCase() === idNumber)) continue;
        const events: NewEvent[] = [
          {
            fromStatus: app.status,
            toStatus: 'identity_verified',
            actorAccountId: null,
            actorRole: 'system',
            reason: 'identity verified',
          },
        ];
        const updated = await deps.applications.transition({
          id: app.id,
          expectedVersion: app.version,
          status: 'identity_verified',
          events,
          evidence: await eventEvidence(deps, {
            applicationId: app.id,
            events,
            extra: [{ identityVerification: verificationId }],
          }),
        });
        if (updated) moved.push(app.id);
      }
      if (moved.length) deps.evidence.sequence();
      return moved;
    },
  };
}
