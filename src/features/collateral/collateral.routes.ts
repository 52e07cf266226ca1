import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import {
  CashFlowProjectionBody,
  CollateralItemParams,
  CollateralView,
  RecordValuationBody,
  RegisterCollateralBody,
} from '../../contracts/collateral.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import type { CollateralDeps } from './collateral-deps';
import { loadCollateral } from './collateral-view';
import {
  collateralEditors,
  recordValuation,
  registerCollateralItem,
  setCashFlowProjection,
} from './manage-collateral';

const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;

/** Collateral (押品): items, valuations with their history, LTV, coverage, DSCR and what blocks approval. */
export const collateralRoutes: FastifyPluginAsync<{ deps: CollateralDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['collateral'];

  app.get(
    '/api/staff/applications/:id/collateral',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The application’s collateral: items, valuation history, LTV, coverage, DSCR, blockers',
        params: IdParams,
        response: { 200: CollateralView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadCollateral({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.post(
    '/api/staff/applications/:id/collateral',
    {
      config: { access: collateralEditors },
      schema: {
        tags,
        summary: 'Register a collateral item',
        params: IdParams,
        body: RegisterCollateralBody,
        response: { 201: CollateralView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await registerCollateralItem({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send(await loadCollateral({ deps, actor, applicationId: request.params.id }));
    },
  );

  app.post(
    '/api/staff/applications/:id/collateral/:collateralId/valuations',
    {
      config: { access: collateralEditors },
      schema: {
        tags,
        summary: 'Record a (re)valuation of a collateral item, with the valuation report',
        params: CollateralItemParams,
        body: RecordValuationBody,
        response: { 201: CollateralView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await recordValuation({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        collateralId: request.params.collateralId,
        input: request.body,
      });
      return reply.code(201).send(await loadCollateral({ deps, actor, applicationId: request.params.id }));
    },
  );

  app.put(
    '/api/staff/applications/:id/cash-flow-projection',
    {
      config: { access: collateralEditors },
      schema: {
        tags,
        summary: 'Project financing: set the projected annual cash flows available for debt service',
        params: IdParams,
        body: CashFlowProjectionBody,
        response: { 200: CollateralView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await setCashFlowProjection({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        annualCashFlows: request.body.annualCashFlows,
      });
      return loadCollateral({ deps, actor, applicationId: request.params.id });
    },
  );

  app.get(
    '/api/applications/:id/collateral',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'My application’s collateral (read-only)',
        params: IdParams,
        response: { 200: CollateralView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadCollateral({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );
};
