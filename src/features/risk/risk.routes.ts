import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { OverrideBody, RiskAssessmentView, RiskMonitoringView } from '../../contracts/risk.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import { assessApplicationRisk } from './assess-application-risk';
import { loadRiskAssessment, viewOfAssessment } from './load-risk-assessment';
import { overrideRiskRecommendation } from './override-risk-recommendation';
import { reportRiskMonitoring } from './report-risk-monitoring';
import type { RiskDeps } from './risk-deps';

const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
const assessors = ['loan_officer', 'risk_officer'] as const;
const monitors = ['risk_officer', 'approver', 'admin'] as const;

/** Risk assessment (风险评估): run, read and override an application's assessment; model monitoring. */
export const riskRoutes: FastifyPluginAsync<{ deps: RiskDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['risk'];

  app.post(
    '/api/staff/applications/:id/risk-assessment',
    {
      config: { access: assessors },
      schema: {
        tags,
        summary: 'Run (or re-run) the risk model on an application',
        params: IdParams,
        response: {
          200: RiskAssessmentView,
          201: RiskAssessmentView,
          ...errorResponses(400, 401, 403, 404, 409, 422, 503),
        },
      },
    },
    async (request, reply) => {
      const { assessment, isNew } = await assessApplicationRisk({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
      });
      return reply.code(isNew ? 201 : 200).send(await viewOfAssessment({ deps, record: assessment }));
    },
  );

  app.get(
    '/api/staff/applications/:id/risk-assessment',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The application’s latest risk report',
        params: IdParams,
        response: { 200: RiskAssessmentView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadRiskAssessment({ deps, applicationId: request.params.id }),
  );

  app.post(
    '/api/staff/applications/:id/risk-assessment/override',
    {
      config: { access: assessors },
      schema: {
        tags,
        summary: 'Override the model’s recommendation, with a reason',
        params: IdParams,
        body: OverrideBody,
        response: { 200: RiskAssessmentView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const record = await overrideRiskRecommendation({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        ...request.body,
      });
      return viewOfAssessment({ deps, record });
    },
  );

  app.get(
    '/api/staff/risk/monitoring',
    {
      config: { access: monitors },
      schema: {
        tags,
        summary: 'Model monitoring: metrics, fairness, stability, overrides and alerts',
        response: { 200: RiskMonitoringView, ...errorResponses(401, 403) },
      },
    },
    async () => reportRiskMonitoring({ deps }),
  );
};
