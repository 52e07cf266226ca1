import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { LegalHoldReasonBody, LegalHoldsView, LegalHoldView } from '../../contracts/legal-holds.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import type { LegalHoldsDeps } from './legal-holds-deps';
import { legalHoldView, listLegalHolds } from './list-legal-holds';
import { placeLegalHold } from './place-legal-hold';
import { releaseLegalHold } from './release-legal-hold';

const readers = ['loan_officer', 'risk_officer', 'approver', 'admin'] as const;

/** Legal holds (证据保全): keep an application's evidence past its retention while a dispute runs. */
export const legalHoldsRoutes: FastifyPluginAsync<{ deps: LegalHoldsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['legal holds'];

  app.get(
    '/api/staff/applications/:id/legal-holds',
    {
      config: { access: readers },
      schema: {
        tags,
        summary: "An application's legal holds, newest first",
        params: IdParams,
        response: { 200: LegalHoldsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listLegalHolds({ deps, applicationId: request.params.id }),
  );

  app.post(
    '/api/staff/applications/:id/legal-holds',
    {
      config: { access: ['risk_officer', 'admin'], stepUp: true },
      schema: {
        tags,
        summary:
          'Place a legal hold: the retention jobs keep the application’s evidence while it is in force',
        params: IdParams,
        body: LegalHoldReasonBody,
        response: { 201: LegalHoldView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const hold = await placeLegalHold({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        reason: request.body.reason,
      });
      return reply.code(201).send(legalHoldView(hold));
    },
  );

  app.post(
    '/api/staff/applications/:id/legal-holds/release',
    {
      config: { access: ['risk_officer', 'admin'], stepUp: true },
      schema: {
        tags,
        summary: 'Release the legal hold in force (someone other than the person who placed it)',
        params: IdParams,
        body: LegalHoldReasonBody,
        response: { 200: LegalHoldView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      legalHoldView(
        await releaseLegalHold({
          deps,
          actor: actorOf(request),
          capture: captureOf(request),
          applicationId: request.params.id,
          reason: request.body.reason,
        }),
      ),
  );
};
