import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import type { Infrastructure } from '../infra/open-infrastructure';

/** Registers the operations routes (and any background work) on this app. */
export async function registerOperations(
  _app: FastifyInstance,
  _options: {
    infra: Infrastructure;
    config: Config;
    clock: () => Date;
    ledger: LedgerDeps;
    applications: ApplicationsDeps;
  },
): Promise<void> {}
