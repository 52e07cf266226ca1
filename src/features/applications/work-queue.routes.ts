import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ApplicationPage, ApplicationView, QueueQuery } from '../../contracts/applications.schema';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { actorOf } from '../accounts/request-context';
import type { ApplicationsDeps } from './applications-deps';
import { describeApplication } from './describe-application';
import { listWorkQueue } from './list-work-queue';
import { loadApplication } from './load-application';

const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;

/** The staff console's work queue and application detail. */
export const workQueueRoutes: FastifyPluginAsync<{ deps: ApplicationsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['work queue'];

  app.get(
    '/api/staff/applications',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The work queue, filtered and searched',
        querystring: QueueQuery,
        response: { 200: ApplicationPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listWorkQueue({ deps, filter: request.query }),
  );

  app.get(
    '/api/staff/applications/:id',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'One application, for staff',
        params: IdParams,
        response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      describeApplication({
        deps,
        record: await loadApplication({ deps, actor: actorOf(request), id: request.params.id }),
      }),
  );
};
