import type { Config } from '../config';
import { purgePersonalData } from '../features/privacy/purge-personal-data';
import { composePrivacyDeps } from '../http/compose-privacy';
import { openInfrastructure, type Infrastructure } from '../infra/open-infrastructure';

/**
 * `mianqian personal-data purge`: runs the personal-data retention job now, the same one the server
 * runs daily (docs/personal-data.md) — face data whose consent was withdrawn, and the personal data of
 * applications closed more than CLOSED_APPLICATION_RETENTION_DAYS ago. Prints what it erased; exit 0.
 */
export async function personalDataPurgeCommand({
  config,
  infra: given,
  clock = () => new Date(),
  print = (line: string) => console.log(line),
}: {
  config: Config;
  /** Tests pass the platform's adapters; otherwise they are opened from config and closed after. */
  infra?: Infrastructure;
  clock?: () => Date;
  print?: (line: string) => void;
}): Promise<number> {
  const infra = given ?? (await openInfrastructure({ config }));
  try {
    const { faceImages, faceSamples, applications, blobsDeleted } = await purgePersonalData({
      deps: composePrivacyDeps({ infra, config, clock }),
    });
    print(
      `${faceImages} face images and ${faceSamples} interview face samples of withdrawn consents erased; ` +
        `${applications.length} applications closed more than ${config.closedApplicationRetentionDays} days ago ` +
        `erased (${blobsDeleted} files).`,
    );
    return 0;
  } finally {
    if (!given) await infra.close();
  }
}
