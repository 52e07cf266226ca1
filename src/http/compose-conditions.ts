import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { LedgerDeps } from '../features/ledger/ledger-deps';
import type { Infrastructure } from '../infra/open-infrastructure';
import {
  noConditionsPrecedent,
  type ConditionsPrecedent,
} from '../features/disbursement/conditions-precedent.port';

/** The conditions precedent disbursement checks. */
export function conditionsPrecedentOf(_options: { infra: Infrastructure }): ConditionsPrecedent {
  return noConditionsPrecedent;
}

/** Registers the conditions routes (and any background work) on this app. */
export async function registerConditions(
  _app: FastifyInstance,
  _options: {
    infra: Infrastructure;
    config: Config;
    clock: () => Date;
    ledger: LedgerDeps;
    applications: ApplicationsDeps;
  },
): Promise<void> {}
