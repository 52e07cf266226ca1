import type { RiskAssessmentView } from '../../contracts/risk.schema';
import { AppError } from '../../core/errors';
import type { RiskDeps } from './risk-deps';
import type { RiskAssessmentRecord } from './risk-store.port';
import { viewRiskAssessment } from './risk-views';

/** The view of a stored assessment: the model's curves from its artifact and the screening's outcomes. */
export async function viewOfAssessment({
  deps,
  record,
}: {
  deps: Pick<RiskDeps, 'models' | 'applications'>;
  record: RiskAssessmentRecord;
}): Promise<RiskAssessmentView> {
  const model = deps.models
    .all()
    .find((m) => m.model.id === record.model.id && m.model.version === record.model.version)?.model;
  const screening = await deps.applications.screening(record.applicationId);
  return viewRiskAssessment({ record, model, screening: screening?.results ?? [] });
}

/**
 * The application's latest risk report (风险报告): score, PD, grade, recommendation, price and limit,
 * every characteristic with its bin and points, the reason codes, the bureau summary, any override,
 * and the model's validation curves. APPLICATION_NOT_FOUND / RISK_ASSESSMENT_NOT_FOUND otherwise.
 */
export async function loadRiskAssessment({
  deps,
  applicationId,
}: {
  deps: Pick<RiskDeps, 'models' | 'applications' | 'store'>;
  applicationId: string;
}): Promise<RiskAssessmentView> {
  if (!(await deps.applications.find(applicationId))) throw new AppError('APPLICATION_NOT_FOUND');
  const record = await deps.store.latestOf(applicationId);
  if (!record) throw new AppError('RISK_ASSESSMENT_NOT_FOUND');
  return viewOfAssessment({ deps, record });
}
