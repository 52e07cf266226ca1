import { canTransition } from '../core/application/lifecycle';
import type { NewEvent } from '../features/applications/application-store.port';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import { eventEvidence } from '../features/applications/event-evidence';
import type { ContractApplications } from '../features/contracts/contracts-deps';

/**
 * What contracts need of loan applications, built on the applications store: the application, and
 * moving it to contract_signed once its contract is signed and sealed (as the system, with its event
 * and evidence in one transaction). Idempotent: an application already moved is left as it is.
 */
export function contractApplications(deps: ApplicationsDeps): ContractApplications {
  return {
    async find(id) {
      const app = await deps.applications.findById(id);
      return (
        app && {
          id: app.id,
          reference: app.reference,
          kind: app.kind,
          status: app.status,
          borrowerAccountId: app.borrowerAccountId,
          details: app.details,
        }
      );
    },
    async markContractSigned({ applicationId, contractId }) {
      for (let attempt = 0; attempt < 3; attempt++) {
        const app = await deps.applications.findById(applicationId);
        if (!app || !canTransition({ from: app.status, to: 'contract_signed', actor: 'system' })) return;
        const events: NewEvent[] = [
          {
            fromStatus: app.status,
            toStatus: 'contract_signed',
            actorAccountId: null,
            actorRole: 'system',
            reason: 'contract signed by every party and sealed',
          },
        ];
        const updated = await deps.applications.transition({
          id: app.id,
          expectedVersion: app.version,
          status: 'contract_signed',
          events,
          evidence: await eventEvidence(deps, {
            applicationId: app.id,
            events,
            extra: [{ contract: contractId }],
          }),
        });
        if (updated) {
          deps.evidence.sequence();
          return;
        }
      }
    },
  };
}
