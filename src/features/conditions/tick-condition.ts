import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { mayTick } from '../../core/conditions/checklist';
import { inspectUpload } from '../../core/documents/inspect-upload';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { ConditionsDeps } from './conditions-deps';
import type { ConditionResolutionRecord } from './conditions-store.port';
import { assertOpenForConditions, loadCondition, refusal } from './conditions-of';

/** SHA-256 of a text, hex (notes and reasons go to the ledger as hashes only). */
export const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A loan officer (or, for some conditions, a risk officer) ticks a condition precedent with its
 * evidence file: the same types, size limit and content sniffing as application documents; the bytes
 * go to the blob store encrypted, their SHA-256 to the ledger with the tick in one transaction.
 */
export async function tickCondition({
  deps,
  actor,
  capture,
  applicationId,
  code,
  filename,
  declaredType,
  bytes,
  note,
}: {
  deps: ConditionsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  code: string;
  filename: string;
  declaredType: string;
  bytes: Buffer;
  note: string;
}): Promise<ConditionResolutionRecord> {
  const { app, state } = await loadCondition({ deps, actor, applicationId, code });
  if (!mayTick(state.rule, actor.role))
    throw new AppError('FORBIDDEN', `A ${actor.role} may not tick this condition`, {
      roles: state.rule.tickRoles,
    });
  assertOpenForConditions(app);
  if (state.inForce) throw refusal('already_resolved');
  if (bytes.length > deps.settings.maxUploadBytes)
    throw new AppError('DOCUMENT_TOO_LARGE', undefined, { maxBytes: deps.settings.maxUploadBytes });
  const inspection = inspectUpload({ bytes, declaredType, filename });
  if (!inspection.ok)
    throw new AppError('DOCUMENT_TYPE_NOT_ALLOWED', inspection.message, { problem: inspection.problem });

  const blobKey = await deps.blobs.put(bytes);
  const at = deps.clock();
  const record: ConditionResolutionRecord = {
    id: deps.newId(),
    applicationId,
    code: state.rule.code,
    checklistVersion: deps.checklist.version,
    kind: 'met',
    note,
    file: {
      filename: inspection.filename,
      contentType: inspection.contentType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      blobKey,
    },
    resolvedBy: actor.accountId,
    resolvedByRole: actor.role,
    resolvedAt: at,
    revoked: null,
  };
  const evidence = await deps.evidence.prepare({
    type: 'condition',
    applicationId,
    actor,
    capture,
    record: {
      kind: 'condition.met',
      applicationId,
      resolutionId: record.id,
      conditionCode: record.code,
      checklistVersion: record.checklistVersion,
      contentType: record.file!.contentType,
      sizeBytes: record.file!.sizeBytes,
      sha256: record.file!.sha256,
      noteSha256: sha256Text(note),
      at: at.toISOString(),
    },
    at,
  });
  const outcome = await deps.store.resolve(record, [evidence]);
  if (outcome !== 'resolved') throw refusal(outcome);
  deps.evidence.sequence();
  return record;
}
