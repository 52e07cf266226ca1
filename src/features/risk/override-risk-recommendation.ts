import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { RiskRecommendation } from '../../core/risk/decision-policy';
import type { RiskDeps } from './risk-deps';
import type { OverrideReasonCode, RiskAssessmentRecord } from './risk-store.port';

/**
 * An officer overrides the model's recommendation on the application's latest assessment (人工调整):
 * a reason code and a written reason are required; who, when and why are recorded (the text
 * encrypted) and anchored on the ledger (the text only as its SHA-256). A later override replaces the
 * earlier one; both stay on the ledger.
 */
export async function overrideRiskRecommendation({
  deps,
  actor,
  capture,
  applicationId,
  decision,
  reasonCode,
  text,
}: {
  deps: Pick<RiskDeps, 'store' | 'evidence' | 'clock'>;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  decision: RiskRecommendation;
  reasonCode: OverrideReasonCode;
  text: string;
}): Promise<RiskAssessmentRecord> {
  const reason = text.trim();
  if (reason.length === 0)
    throw new AppError('VALIDATION_FAILED', 'An override needs a written reason', { field: 'text' });
  const latest = await deps.store.latestOf(applicationId);
  if (!latest) throw new AppError('RISK_ASSESSMENT_NOT_FOUND');
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'risk.decision',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'risk.override',
      assessmentId: latest.id,
      applicationId,
      from: latest.override?.decision ?? latest.recommendation,
      to: decision,
      reasonCode,
      textSha256: createHash('sha256').update(reason).digest('hex'),
      at: at.toISOString(),
    },
  });
  const updated = await deps.store.setOverride({
    id: latest.id,
    override: { decision, reasonCode, text: reason, byAccountId: actor.accountId, byRole: actor.role, at },
    evidence,
  });
  if (!updated) throw new AppError('RISK_ASSESSMENT_NOT_FOUND');
  deps.evidence.sequence();
  return updated;
}
