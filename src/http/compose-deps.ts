import type { Config } from '../config';
import { currentScreeningPolicy } from '../core/screening/policy';
import type { AccountsDeps } from '../features/accounts/accounts-deps';
import type { ApplicationsDeps } from '../features/applications/applications-deps';
import type { Infrastructure } from '../infra/open-infrastructure';

/** The accounts use cases' dependencies, from the adapters and config (one place for the app, the seed and jobs). */
export function composeAccountsDeps({
  infra,
  config,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
}): AccountsDeps {
  return {
    accounts: infra.accounts,
    sessions: infra.sessions,
    rateLimiter: infra.rateLimiter,
    passwords: infra.passwords,
    clock,
    settings: config,
  };
}

/** The applications use cases' dependencies, under the screening policy in force. */
export function composeApplicationsDeps({
  infra,
  config,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  config: Config;
  clock?: () => Date;
}): ApplicationsDeps {
  return {
    applications: infra.applications,
    blobs: infra.blobs,
    clock,
    policy: currentScreeningPolicy,
    settings: config,
  };
}
