import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import type { Infrastructure } from '../infra/open-infrastructure';
import type { ApprovalBlockers } from '../features/approvals/approvals-deps';

/** What guarantors say about approving an application (declined, failed verification, not answered …). */
export function guarantorApprovalBlockers(_options: { infra: Infrastructure }): ApprovalBlockers {
  return { of: () => Promise.resolve([]) };
}

/** Registers the guarantors routes (and any background work) on this app. */
export async function registerGuarantors(
  _app: FastifyInstance,
  _options: {
    infra: Infrastructure;
    config: Config;
    clock: () => Date;
    ledger: LedgerDeps;
    applications: ApplicationsDeps;
  },
): Promise<void> {}
