import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { ConditionsDeps } from './conditions-deps';
import type { ConditionEvidenceFile } from './conditions-store.port';
import { loadCondition } from './conditions-of';

/** The evidence file of a condition's tick in force, for caseworkers; its hash is checked on the way out. */
export async function readConditionEvidence({
  deps,
  actor,
  applicationId,
  code,
}: {
  deps: ConditionsDeps;
  actor: Actor;
  applicationId: string;
  code: string;
}): Promise<{ file: ConditionEvidenceFile; bytes: Buffer }> {
  const { state } = await loadCondition({ deps, actor, applicationId, code });
  const file = state.inForce?.file;
  if (!file) throw new AppError('CONDITION_NOT_RESOLVED', 'This condition has no evidence file in force');
  if (file.blobKey === '') throw new AppError('DOCUMENT_ERASED');
  const bytes = await deps.blobs.get(file.blobKey);
  if (!bytes) throw new AppError('INTERNAL_ERROR', 'The evidence file is missing from the blob store');
  if (createHash('sha256').update(bytes).digest('hex') !== file.sha256)
    throw new AppError('INTERNAL_ERROR', 'The evidence file does not match its recorded SHA-256');
  return { file, bytes };
}
