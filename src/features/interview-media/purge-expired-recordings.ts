import { dirname, join } from 'node:path';
import type { InterviewMediaDeps } from './interview-media-deps';

/**
 * Retention: deletes recordings created more than `retentionDays` ago — the composite, the
 * per-participant segment files it was made from (kept next to it, named in the row) and the row.
 * The policy is ≥ 6 months after the contract ends; until contract ends are known here the configured
 * minimum (RECORDING_RETENTION_DAYS, at least 183) applies. The ledger keeps its hash-only leaf.
 * Files are removed before the row, so a run interrupted half-way is finished by the next one.
 */
export async function purgeExpiredRecordings(
  deps: Pick<InterviewMediaDeps, 'recordings' | 'clock' | 'removeFile' | 'retentionDays'>,
): Promise<{ deleted: string[]; filesRemoved: number }> {
  const before = new Date(deps.clock().getTime() - deps.retentionDays * 24 * 60 * 60 * 1000);
  const deleted: string[] = [];
  let filesRemoved = 0;
  for (const row of await deps.recordings.listCreatedBefore(before)) {
    const directory = dirname(row.path);
    const segmentFiles = [...new Set(row.segments.map((s) => s.file))]
      // Only plain names in the composite's directory: a row can never point the purge elsewhere.
      .filter((file) => file !== '' && !file.includes('/') && !file.includes('\\') && file !== '..')
      .map((file) => join(directory, file));
    for (const path of [...segmentFiles, row.path]) {
      await deps.removeFile(path);
      filesRemoved++;
    }
    await deps.recordings.delete(row.id);
    deleted.push(row.id);
  }
  return { deleted, filesRemoved };
}
