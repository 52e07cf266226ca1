import { dirname, join } from 'node:path';
import type { InterviewMediaDeps } from './interview-media-deps';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention (双录: kept ≥ 6 months after the contract ends): deletes a recording `retentionDays`
 * (RECORDING_RETENTION_DAYS, at least 183) after its loan's contract ends — or after it was made, when
 * no loan came of the application (rejected, withdrawn, never disbursed). It deletes the composite,
 * the per-participant segment files it was made from (kept next to it, named in the row) and the row;
 * the ledger keeps its hash-only leaf. Files are removed before the row, so a run interrupted
 * half-way is finished by the next one. An application under a legal hold keeps its recordings.
 */
export async function purgeExpiredRecordings(
  deps: Pick<
    InterviewMediaDeps,
    'recordings' | 'clock' | 'removeFile' | 'retentionDays' | 'contractEndOf' | 'isUnderLegalHold'
  >,
): Promise<{ deleted: string[]; filesRemoved: number; keptForContracts: number; keptForHolds: number }> {
  const now = deps.clock().getTime();
  const before = new Date(now - deps.retentionDays * DAY_MS);
  const deleted: string[] = [];
  let filesRemoved = 0;
  let keptForContracts = 0;
  let keptForHolds = 0;
  // Asked once per application, however many of its recordings are due.
  const contractEnds = new Map<string, Date | undefined>();
  const holds = new Map<string, boolean>();
  for (const row of await deps.recordings.listCreatedBefore(before)) {
    if (!contractEnds.has(row.applicationId))
      contractEnds.set(row.applicationId, await deps.contractEndOf(row.applicationId));
    const contractEnd = contractEnds.get(row.applicationId);
    if (contractEnd && contractEnd.getTime() + deps.retentionDays * DAY_MS > now) {
      keptForContracts++;
      continue;
    }
    if (!holds.has(row.applicationId))
      holds.set(row.applicationId, await deps.isUnderLegalHold(row.applicationId));
    if (holds.get(row.applicationId)) {
      keptForHolds++;
      continue;
    }
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
  return { deleted, filesRemoved, keptForContracts, keptForHolds };
}
