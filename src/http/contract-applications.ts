import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { ContractApplications } from '../features/contracts/contracts-deps';
import { moveApplication } from './move-application';

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
      await moveApplication(deps, {
        applicationId,
        to: 'contract_signed',
        as: 'system',
        actor: { accountId: null, role: 'system' },
        reason: 'contract signed by every party and sealed',
        record: { contract: contractId },
      });
    },
  };
}
