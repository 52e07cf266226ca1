import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { applicantNameOf } from '../core/application/application';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { ApprovalBlockers } from '../features/approvals/approvals-deps';
import { acceptedGuarantorsOf, guarantorApprovalBlockersOf } from '../features/guarantors/guarantor-blockers';
import type { GuarantorStore } from '../features/guarantors/guarantor-store.port';
import type { GuarantorIdentityState, GuarantorsDeps } from '../features/guarantors/guarantors-deps';
import { guarantorsRoutes } from '../features/guarantors/guarantors.routes';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import { prepareEvidence } from '../features/ledger/prepare-evidence';
import { sequenceQueuedEvidence } from '../features/ledger/sequence-queued-evidence';
import { createDbGuarantorStore } from '../infra/guarantors/db-guarantor-store';
import type { Infrastructure } from '../infra/open-infrastructure';
import type { CapabilityOptions } from './compose-deps';

/** One guarantor store per infrastructure (built from its database and cipher). */
const stores = new WeakMap<Infrastructure, GuarantorStore>();
export function guarantorStoreOf(infra: Infrastructure): GuarantorStore {
  let store = stores.get(infra);
  if (!store) {
    store = createDbGuarantorStore({ db: infra.database.db, cipher: infra.cipher });
    stores.set(infra, store);
  }
  return store;
}

/** What guarantors say about approving an application (declined, failed verification, not answered …). */
export function guarantorApprovalBlockers({ infra }: { infra: Infrastructure }): ApprovalBlockers {
  return { of: ({ applicationId }) => guarantorApprovalBlockersOf(guarantorStoreOf(infra), applicationId) };
}

/** The accepted guarantors of an application, for its contract (wired into contracts' deps). */
export function contractGuarantors({ infra }: { infra: Infrastructure }) {
  return {
    acceptedOf: (applicationId: string) => acceptedGuarantorsOf(guarantorStoreOf(infra), applicationId),
  };
}

/** Guarantors' dependencies: their store, the applications, identity verification, SMS, the ledger. */
export function composeGuarantorsDeps({
  infra,
  clock = () => new Date(),
  ledger,
  applications,
}: {
  infra: Infrastructure;
  clock?: () => Date;
  ledger: LedgerDeps;
  applications: ApplicationsDeps;
}): GuarantorsDeps {
  return {
    store: guarantorStoreOf(infra),
    applications: {
      async find(id) {
        const app = await applications.applications.findById(id);
        return (
          app && {
            id: app.id,
            reference: app.reference,
            status: app.status,
            productCode: app.productCode,
            borrowerAccountId: app.borrowerAccountId,
            amount: app.details.loan.amount,
            termMonths: app.details.loan.termMonths,
            applicantMobile: app.kind === 'individual' ? app.details.applicant?.mobile : undefined,
            borrowerName: applicantNameOf(app) ?? undefined,
          }
        );
      },
    },
    people: {
      async identityOf(accountId): Promise<GuarantorIdentityState> {
        if (await infra.identity.store.verifiedIdentityOf(accountId)) return 'verified';
        const v = await infra.identity.store.latestVerification(accountId);
        if (!v) return 'none';
        if (v.status === 'authority_failed') return 'failed';
        return 'in_progress';
      },
      async accountIdByMobile(mobile) {
        return (await infra.accounts.findCredentialsByMobile(mobile))?.account.id;
      },
    },
    sms: {
      send: ({ mobile, text }) => infra.identity.sms.send({ mobile, text, purpose: 'guarantor_invitation' }),
    },
    evidence: {
      prepare: (input) => prepareEvidence(ledger, input),
      sequence: () => void sequenceQueuedEvidence(ledger).catch(() => {}),
    },
    clock,
    newId: randomUUID,
  };
}

/** Registers the guarantors routes (and any background work) on this app. */
export async function registerGuarantors(app: FastifyInstance, options: CapabilityOptions): Promise<void> {
  await app.register(guarantorsRoutes, { deps: composeGuarantorsDeps(options) });
}
