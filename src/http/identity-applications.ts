import type { ApplicationStore } from '../features/applications/application-store.port';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { VerificationRecord } from '../features/identity/identity-store.port';
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

/**
 * The application store, with an application whose borrower's identity is already verified (or
 * waiting for the officer's check in the interview) moved on to identity_verified right after its
 * submission commits with screening passed — otherwise a borrower who verified before applying would
 * wait under review for ever. Moved by `promote` (identity's own promotion: only applications naming
 * the verified ID number; as the system, with event and evidence). After the commit, like the risk
 * automation: a crash in between leaves the application under review, and the next verification step
 * or a caseworker moves it.
 */
export function promotingVerifiedAfterScreening(
  store: ApplicationStore,
  {
    verifiedIdentityOf,
    promote,
  }: {
    /** The identity in force of an account (IdentityStore.verifiedIdentityOf). */
    verifiedIdentityOf: (accountId: string) => Promise<VerificationRecord | undefined>;
    promote: IdentityApplications['promoteVerified'];
  },
): ApplicationStore {
  return {
    ...store,
    async transition(input) {
      const updated = await store.transition(input);
      if (updated && input.isSubmission && updated.status === 'under_review') {
        const v = await verifiedIdentityOf(updated.borrowerAccountId);
        if (v) {
          await promote({ accountId: v.accountId, idNumber: v.idNumber, verificationId: v.id });
          return (await store.findById(updated.id)) ?? updated;
        }
      }
      return updated;
    },
  };
}
