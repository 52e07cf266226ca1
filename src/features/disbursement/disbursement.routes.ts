import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import {
  DisbursementView,
  ReconciliationQuery,
  ReconciliationReport,
  ReconciliationReportList,
  ReconciliationReportsQuery,
  RepaymentScheduleView,
  RequestDisbursementBody,
} from '../../contracts/disbursement.schema';
import { AppError } from '../../core/errors';
import { actorOf, captureOf } from '../accounts/request-context';
import type { DisbursementDeps } from './disbursement-deps';
import { viewDisbursement } from './disbursement-view';
import { readRepaymentSchedule } from './read-repayment-schedule';
import { reconcileDisbursements } from './reconcile-disbursements';
import { requestDisbursement } from './request-disbursement';

const parties = ['borrower_individual', 'borrower_enterprise'] as const;
const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;

/** Disbursement (放款): the request under an Idempotency-Key, its status, the schedule, reconciliation and its stored reports. */
export const disbursementRoutes: FastifyPluginAsync<{ deps: DisbursementDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['disbursement'];

  app.post(
    '/api/staff/applications/:id/disbursement',
    {
      config: { access: ['approver'], stepUp: true },
      schema: {
        tags,
        summary: 'Disburse a loan whose contract is fully signed (Idempotency-Key header required)',
        description:
          'Send `Idempotency-Key` (1–255 visible ASCII characters, quoted or bare). The same key and ' +
          'body again returns the first answer (header `Idempotent-Replayed: true`); the same key while ' +
          'the first request runs: 409 IDEMPOTENCY_KEY_IN_FLIGHT; the same key with another body or ' +
          'loan: 422 IDEMPOTENCY_KEY_REUSED. The payment is sent in the background: poll the GET.',
        params: IdParams,
        body: RequestDisbursementBody,
        response: { 202: DisbursementView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const answer = await requestDisbursement({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        idempotencyKey: request.headers['idempotency-key'],
        path: `/api/staff/applications/${request.params.id}/disbursement`,
        input: request.body,
      });
      if (answer.isReplay) void reply.header('idempotent-replayed', 'true');
      // Only accepted requests are stored, so a replay is a 202 too.
      return reply.code(202).send(answer.body);
    },
  );

  app.get(
    '/api/staff/applications/:id/disbursement',
    {
      config: { access: [...caseworkers, 'admin'] },
      schema: {
        tags,
        summary: 'The loan’s disbursement and its status (requested, sent, settled, failed)',
        params: IdParams,
        response: { 200: DisbursementView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const [latest] = await deps.store.listByApplication(request.params.id);
      if (!latest) throw new AppError('DISBURSEMENT_NOT_FOUND');
      return viewDisbursement(latest);
    },
  );

  app.get(
    '/api/applications/:id/repayment-schedule',
    {
      config: { access: parties },
      schema: {
        tags,
        summary: 'My repayment schedule, active once the loan is disbursed',
        params: IdParams,
        response: { 200: RepaymentScheduleView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      readRepaymentSchedule({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.get(
    '/api/staff/reconciliation/disbursements',
    {
      config: { access: ['approver', 'risk_officer', 'admin'] },
      schema: {
        tags,
        summary: 'Daily reconciliation: payments booked vs disbursements recorded, and the ledger balance',
        querystring: ReconciliationQuery,
        response: { 200: ReconciliationReport, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => reconcileDisbursements({ deps, date: request.query.date }),
  );

  app.get(
    '/api/staff/reconciliation/reports',
    {
      config: { access: ['approver', 'risk_officer', 'admin'] },
      schema: {
        tags,
        summary: 'The daily reconciliation reports the scheduled job stored, newest day first',
        querystring: ReconciliationReportsQuery,
        response: { 200: ReconciliationReportList, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const reports = await deps.store.listReconciliationReports({ limit: request.query.limit ?? 30 });
      return { items: reports.map((r) => ({ ...r, ranAt: r.ranAt.toISOString() })) };
    },
  );
};
