import type { Actor } from '../../core/accounts/roles';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { ConditionsDeps } from './conditions-deps';
import { assertOpenForConditions, loadCondition, refusal } from './conditions-of';
import { sha256Text } from './tick-condition';

/**
 * Undoes the tick or waiver in force of a condition, with a reason, while the loan is not yet being
 * disbursed: the condition is outstanding again. The row stays (who revoked it, when, why); the
 * ledger gets the revocation with the evidence file's SHA-256 in the same transaction.
 */
export async function revokeCondition({
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
}): Promise<void> {
  const { app, state } = await loadCondition({ deps, actor, applicationId, code });
  assertOpenForConditions(app);
  const resolution = state.inForce;
  if (!resolution) throw refusal('not_resolved');
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'condition',
    applicationId,
    actor,
    capture,
    record: {
      kind: 'condition.revoked',
      applicationId,
      resolutionId: resolution.id,
      conditionCode: resolution.code,
      revokedKind: resolution.kind,
      sha256: resolution.file?.sha256 ?? null,
      reasonSha256: sha256Text(reason),
      at: at.toISOString(),
    },
    at,
  });
  const outcome = await deps.store.revoke({
    applicationId,
    id: resolution.id,
    by: actor.accountId,
    role: actor.role,
    at,
    reason,
    evidence: [evidence],
  });
  if (outcome !== 'revoked') throw refusal(outcome);
  deps.evidence.sequence();
}
