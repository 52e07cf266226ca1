import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { currentConditionsChecklist } from '../core/conditions/checklist';
import type { ApplicationStore } from '../features/applications/application-store.port';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { ConditionsDeps } from '../features/conditions/conditions-deps';
import { conditionsRoutes } from '../features/conditions/conditions.routes';
import { conditionsPrecedentFrom } from '../features/conditions/outstanding-conditions';
import type { ConditionsPrecedent } from '../features/disbursement/conditions-precedent.port';
import { createDbConditionsStore } from '../infra/conditions/db-conditions-store';
import type { Infrastructure } from '../infra/open-infrastructure';
import type { CapabilityOptions } from './compose-deps';

/** The conditions store on the platform's database and cipher. */
const storeOf = (infra: Infrastructure) =>
  createDbConditionsStore({ db: infra.database.db, cipher: infra.cipher });

/**
 * The conditions precedent disbursement checks: those of the application's checklist (per product
 * and applicant kind, core/conditions) neither ticked with evidence nor waived.
 */
export function conditionsPrecedentOf({ infra }: { infra: Infrastructure }): ConditionsPrecedent {
  return conditionsPrecedentFrom({
    store: storeOf(infra),
    checklist: currentConditionsChecklist,
    applications: conditionApplications(infra.applications),
  });
}

/** What conditions need of loan applications, on the applications store. */
function conditionApplications(store: ApplicationStore): ConditionsDeps['applications'] {
  return {
    async find(id) {
      const app = await store.findById(id);
      return (
        app && {
          id: app.id,
          kind: app.kind,
          productCode: app.productCode,
          status: app.status,
          borrowerAccountId: app.borrowerAccountId,
        }
      );
    },
  };
}

/** The conditions feature's dependencies: its store, the blob store, the applications, the ledger. */
export function composeConditionsDeps({
  infra,
  clock,
  applications,
}: {
  infra: Infrastructure;
  clock: () => Date;
  applications: ApplicationsDeps;
}): ConditionsDeps {
  return {
    store: storeOf(infra),
    applications: conditionApplications(applications.applications),
    blobs: applications.blobs,
    checklist: currentConditionsChecklist,
    evidence: applications.evidence,
    clock,
    newId: randomUUID,
    settings: { maxUploadBytes: applications.settings.maxUploadBytes },
  };
}

/** Registers the conditions routes on this app. */
export async function registerConditions(app: FastifyInstance, options: CapabilityOptions): Promise<void> {
  await app.register(conditionsRoutes, { deps: composeConditionsDeps(options) });
}
