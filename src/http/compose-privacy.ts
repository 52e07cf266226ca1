import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { PrivacyDeps } from '../features/privacy/privacy-deps';
import { purgePersonalData } from '../features/privacy/purge-personal-data';
import type { Infrastructure } from '../infra/open-infrastructure';
import { createDbPersonalDataRetention } from '../infra/privacy/db-personal-data-retention';
import { runEvery } from './run-every';

/** The retention jobs' dependencies (docs/personal-data.md). */
export function composePrivacyDeps({
  infra,
  config,
  clock = () => new Date(),
}: {
  infra: Infrastructure;
  config: Pick<Config, 'closedApplicationRetentionDays'>;
  clock?: () => Date;
}): PrivacyDeps {
  return {
    retention: createDbPersonalDataRetention({ db: infra.database.db, cipher: infra.cipher }),
    deleteBlob: (key) => infra.blobs.delete(key),
    clock,
    closedApplicationRetentionDays: config.closedApplicationRetentionDays,
  };
}

/**
 * Runs the personal-data retention job daily on this app (the first run a minute after start), as the
 * recordings purge does: every node may run it, it is idempotent.
 */
export function registerPersonalDataRetention(
  app: FastifyInstance,
  { deps, everyMs = 24 * 60 * 60 * 1000 }: { deps: PrivacyDeps; everyMs?: number },
): void {
  runEvery(app, {
    everyMs,
    job: async () => {
      const { faceImages, faceSamples, applications, blobsDeleted } = await purgePersonalData({ deps });
      if (faceImages + faceSamples + applications.length > 0)
        app.log.info(
          { faceImages, faceSamples, applications: applications.length, blobsDeleted },
          'personal data past retention erased',
        );
    },
    onError: (error) => app.log.error({ err: error }, 'personal data retention failed'),
  });
}
