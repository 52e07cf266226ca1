import type {
  OverrideBody,
  RiskAssessmentView,
  RiskMonitoringView,
} from '../../../../src/contracts/risk.schema';
import { apiRequest } from '../../api/client';

/** The application's risk report; answers 404 `RISK_ASSESSMENT_NOT_FOUND` before the first assessment. */
export const fetchRiskAssessment = (applicationId: string) =>
  apiRequest<RiskAssessmentView>('GET', `/staff/applications/${applicationId}/risk-assessment`);

/** Runs the assessment again (the bureau is asked afresh) and answers the new report. */
export const runRiskAssessment = (applicationId: string) =>
  apiRequest<RiskAssessmentView>('POST', `/staff/applications/${applicationId}/risk-assessment`, {
    json: {},
  });

export const overrideRiskAssessment = (applicationId: string, body: OverrideBody) =>
  apiRequest<RiskAssessmentView>('POST', `/staff/applications/${applicationId}/risk-assessment/override`, {
    json: body,
  });

export const fetchRiskMonitoring = () => apiRequest<RiskMonitoringView>('GET', '/staff/risk/monitoring');
