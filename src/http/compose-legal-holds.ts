import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { LegalHoldsDeps } from '../features/legal-holds/legal-holds-deps';
import { legalHoldsRoutes } from '../features/legal-holds/legal-holds.routes';
import { createDbLegalHoldStore } from '../infra/legal-holds/db-legal-hold-store';
import type { CapabilityOptions } from './compose-deps';

/** Legal holds' dependencies: the store, the applications, the ledger's evidence. */
export function composeLegalHoldsDeps({ infra, clock, applications }: CapabilityOptions): LegalHoldsDeps {
  return {
    store: createDbLegalHoldStore({ db: infra.database.db, cipher: infra.cipher }),
    applicationExists: async (id) => (await applications.applications.findById(id)) !== undefined,
    evidence: applications.evidence,
    clock,
    newId: randomUUID,
  };
}

/** Registers the legal-hold routes on this app. */
export async function registerLegalHolds(app: FastifyInstance, options: CapabilityOptions): Promise<void> {
  await app.register(legalHoldsRoutes, { deps: composeLegalHoldsDeps(options) });
}
