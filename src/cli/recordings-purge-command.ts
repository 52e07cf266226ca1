import { rm } from 'node:fs/promises';
import type { Config } from '../config';
import { purgeExpiredRecordings } from '../features/interview-media/purge-expired-recordings';
import { createDbRecordingStore } from '../infra/media/db-recording-store';
import { openInfrastructure } from '../infra/open-infrastructure';

/**
 * `mianqian recordings purge`: deletes the interview recordings (composites, their segment files and
 * rows) older than RECORDING_RETENTION_DAYS now, the same job the server runs daily. Exit 0.
 */
export async function recordingsPurgeCommand({
  config,
  clock = () => new Date(),
  print = (line: string) => console.log(line),
}: {
  config: Config;
  clock?: () => Date;
  print?: (line: string) => void;
}): Promise<number> {
  const infra = await openInfrastructure({ config });
  try {
    const { deleted, filesRemoved } = await purgeExpiredRecordings({
      recordings: createDbRecordingStore({ db: infra.database.db }),
      clock,
      removeFile: (path) => rm(path, { force: true }),
      retentionDays: config.recordingRetentionDays,
    });
    print(
      `${deleted.length} recordings older than ${config.recordingRetentionDays} days purged (${filesRemoved} files).`,
    );
    return 0;
  } finally {
    await infra.close();
  }
}
