import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import { expireStaleApplications } from '../features/applications/expire-stale-applications';
import { openInfrastructure, type Infrastructure } from '../infra/open-infrastructure';
import { buildApp } from './build-app';
import { composeApplicationsDeps } from './compose-deps';

export interface RunningServer {
  app: FastifyInstance;
  infra: Infrastructure;
  url: string;
  stop(): Promise<void>;
}

/** Opens the infrastructure, builds the app and listens; `stop` drains requests, then closes the database. */
export async function startServer({
  config,
  infra: given,
}: {
  config: Config;
  infra?: Infrastructure;
}): Promise<RunningServer> {
  const infra = given ?? (await openInfrastructure({ config }));
  const app = await buildApp({ config, infra });
  const address = await app.listen({ host: config.host, port: config.port });
  const port = new URL(address).port;
  // The face models load in the background, so the first borrower's selfie does not wait for them.
  void infra.identity.faceEngine
    ?.warmUp?.()
    .catch((err: unknown) => app.log.error({ err }, 'face engine warm-up failed'));

  // Housekeeping that any node may run: every operation is idempotent and versioned.
  const housekeeping = setInterval(() => {
    void expireStaleApplications({ deps: composeApplicationsDeps({ infra, config }) }).catch((err: unknown) =>
      app.log.error({ err }, 'draft expiry failed'),
    );
  }, 60 * 60_000);
  housekeeping.unref();

  let stopping: Promise<void> | undefined;
  return {
    app,
    infra,
    url: `http://localhost:${port}`,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(housekeeping);
        await app.close();
        await infra.close();
      })()),
  };
}
