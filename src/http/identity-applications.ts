import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { IdentityApplications } from '../features/identity/identity-deps';
import { moveApplication } from './move-application';

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
        if (!app) continue;
        const people = [
          app.details.applicant?.idNumber,
          ...(app.details.stakeholders ?? []).map((s) => s.idNumber),
        ];
        if (!people.some((n) => n?.toUpperCase() === idNumber)) continue;
        const updated = await moveApplication(deps, {
          applicationId: app.id,
          to: 'identity_verified',
          as: 'system',
          actor: { accountId: null, role: 'system' },
          reason: 'identity verified',
          from: ['under_review'],
          record: { identityVerification: verificationId },
        });
        if (updated) moved.push(app.id);
      }
      return moved;
    },
  };
}
