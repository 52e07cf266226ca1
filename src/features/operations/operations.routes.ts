import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { errorResponses } from '../../contracts/common.schema';
import { DashboardQuery, OperationsDashboard } from '../../contracts/operations.schema';
import type { OperationsDeps } from './operations-deps';
import { readDashboard } from './read-dashboard';

/** The operations dashboard (运营看板): staff and administrators; aggregates and references only. */
export const operationsRoutes: FastifyPluginAsync<{ deps: OperationsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/api/staff/operations/dashboard',
    {
      config: { access: ['loan_officer', 'risk_officer', 'approver', 'admin'] },
      schema: {
        tags: ['operations'],
        summary: 'Funnel, times to decision and disbursement, work per role, SLA breaches',
        querystring: DashboardQuery,
        response: { 200: OperationsDashboard, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => readDashboard({ deps, days: request.query.days ?? 30 }),
  );
};
