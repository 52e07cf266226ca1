import { rm } from 'node:fs/promises';
import type { Config } from '../config';
import { purgeExpiredRecordings } from '../features/interview-media/purge-expired-recordings';
import { legalHoldsOf, loanContractEnds } from '../http/compose-interview-media';
import { createDbRecordingStore } from '../infra/media/db-recording-store';
import { openInfrastructure } from '../infra/open-infrastructure';

/**
 * `mianqian recordings purge`: deletes the interview recordings (composites, their segment files and
 * rows) past retention — RECORDING_RETENTION_DAYS after the loan's contract ends, or after recording
 * when no loan came of it — the same job the server runs daily. Exit 0.
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
    const { deleted, filesRemoved, keptForContracts, keptForHolds } = await purgeExpiredRecordings({
      recordings: createDbRecordingStore({ db: infra.database.db }),
      clock,
      removeFile: (path) => rm(path, { force: true }),
      retentionDays: config.recordingRetentionDays,
      contractEndOf: loanContractEnds(infra),
      isUnderLegalHold: legalHoldsOf(infra),
    });
    print(
      `${deleted.length} recordings past retention (${config.recordingRetentionDays} days after the contract ends, or after recording without a loan) purged (${filesRemoved} files); ${keptForContracts} kept for loans still running or recently ended; ${keptForHolds} kept under a legal hold.`,
    );
    return 0;
  } finally {
    await infra.close();
  }
}
