import type { InterviewMediaDeps } from './interview-media-deps';

/**
 * Retention: deletes composite recordings (file and row) created more than `retentionDays` ago. The
 * policy is ≥ 6 months after the contract ends; until contract ends are known here the configured
 * minimum (RECORDING_RETENTION_DAYS, at least 183) applies. The ledger keeps its hash-only leaf.
 */
export async function purgeExpiredRecordings(
  deps: Pick<InterviewMediaDeps, 'recordings' | 'clock' | 'removeFile' | 'retentionDays'>,
): Promise<{ deleted: string[] }> {
  const before = new Date(deps.clock().getTime() - deps.retentionDays * 24 * 60 * 60 * 1000);
  const deleted: string[] = [];
  for (const row of await deps.recordings.listCreatedBefore(before)) {
    await deps.removeFile(row.path);
    await deps.recordings.delete(row.id);
    deleted.push(row.id);
  }
  return { deleted };
}
