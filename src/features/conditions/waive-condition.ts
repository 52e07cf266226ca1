import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { ConditionsDeps } from './conditions-deps';
import type { ConditionResolutionRecord } from './conditions-store.port';
import { assertOpenForConditions, loadCondition, refusal } from './conditions-of';
import { sha256Text } from './tick-condition';

/**
 * An approver (after a second factor, enforced at the route) waives a waivable condition with a
 * reason: it no longer stands in the way of drawdown. Recorded with its ledger evidence at once.
 */
export async function waiveCondition({
  deps,
  actor,
  capture,
  applicationId,
  code,
  reason,
}: {
  deps: ConditionsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  code: string;
  reason: string;
}): Promise<ConditionResolutionRecord> {
  const { app, state } = await loadCondition({ deps, actor, applicationId, code });
  if (actor.role !== 'approver') throw new AppError('FORBIDDEN', 'Only an approver waives a condition');
  if (!state.rule.isWaivable) throw new AppError('CONDITION_NOT_WAIVABLE', undefined, { code });
  assertOpenForConditions(app);
  if (state.inForce) throw refusal('already_resolved');
  const at = deps.clock();
  const record: ConditionResolutionRecord = {
    id: deps.newId(),
    applicationId,
    code: state.rule.code,
    checklistVersion: deps.checklist.version,
    kind: 'waived',
    note: reason,
    file: null,
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
      kind: 'condition.waived',
      applicationId,
      resolutionId: record.id,
      conditionCode: record.code,
      checklistVersion: record.checklistVersion,
      reasonSha256: sha256Text(reason),
      at: at.toISOString(),
    },
    at,
  });
  const outcome = await deps.store.resolve(record, [evidence]);
  if (outcome !== 'resolved') throw refusal(outcome);
  deps.evidence.sequence();
  return record;
}
