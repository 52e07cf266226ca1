import type { RiskAssessmentView } from '../../contracts/risk.schema';
import type { RuleResult } from '../../core/screening/screen-application';
import type { ScorecardModel } from '../../core/risk/scorecard-model';
import type { RiskAssessmentRecord } from './risk-store.port';

/** The curves the web app draws for a trained model (ROC, KS, score distribution), from its artifact. */
export function modelCurves(model: ScorecardModel | undefined): RiskAssessmentView['model']['curves'] {
  const v = model?.validation;
  if (!v) return null;
  return {
    roc: v.roc.map((p) => ({ fpr: p.fpr, tpr: p.tpr })),
    ks: v.ks.map((p) => ({
      score: p.score,
      cumulativeBad: p.cumulativeBad,
      cumulativeGood: p.cumulativeGood,
    })),
    scoreHistogram: { edges: [...v.scoreHistogram.edges], counts: [...v.scoreHistogram.counts] },
    holdout: { n: v.holdout.n, auc: v.holdout.auc, ks: v.holdout.ks, gini: v.holdout.gini },
  };
}

/** The staff's risk report of one assessment. */
export function viewRiskAssessment({
  record: r,
  model,
  screening,
}: {
  record: RiskAssessmentRecord;
  /** The artifact, when the model that made the assessment is still loaded. */
  model: ScorecardModel | undefined;
  screening: readonly RuleResult[];
}): RiskAssessmentView {
  return {
    id: r.id,
    applicationId: r.applicationId,
    assessedAt: r.assessedAt.toISOString(),
    model: {
      id: r.model.id,
      version: r.model.version,
      kind: r.model.kind,
      label: { ...r.model.label },
      curves: modelCurves(model),
    },
    policyVersion: r.policyVersion,
    inputsSha256: r.inputsSha256,
    score: r.score,
    probabilityOfDefault: r.probabilityOfDefault,
    grade: r.grade,
    recommendation: r.recommendation,
    recommendedLimit: r.recommendedLimit,
    recommendedAnnualRate: r.recommendedAnnualRate,
    reasons: r.reasons.map((x) => ({
      code: x.code,
      text: { ...x.text },
      characteristic: x.characteristic,
      pointsBelowMax: x.pointsBelowMax,
    })),
    characteristics: r.characteristics.map((c) => ({
      name: c.name,
      label: { ...c.label },
      value: c.value,
      binLabel: c.binLabel,
      points: c.points,
      maxPoints: c.maxPoints,
    })),
    screening: screening.map((s) => ({ ruleId: s.ruleId, outcome: s.outcome, reason: { ...s.reason } })),
    bureau: r.bureau && {
      provider: r.bureau.provider,
      reportId: r.bureau.reportId,
      retrievedAt: r.bureau.retrievedAt.toISOString(),
      responseSha256: r.bureau.responseSha256,
      facts: r.bureau.facts.map((f) => ({ label: { ...f.label }, value: f.value })),
    },
    override: r.override && {
      decision: r.override.decision,
      reasonCode: r.override.reasonCode,
      text: r.override.text,
      byRole: r.override.byRole,
      at: r.override.at.toISOString(),
    },
    finalRecommendation: r.override?.decision ?? r.recommendation,
  };
}
