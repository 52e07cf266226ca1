import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import {
  AnswerRevisedTermsBody,
  ApprovalAnswerView,
  ApprovalCaseView,
  DecideApprovalBody,
  RevisedTermsView,
  SubmitForApprovalBody,
} from '../../contracts/approvals.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import { answerRevisedTerms } from './answer-revised-terms';
import type { ApprovalsDeps } from './approvals-deps';
import { decideApprovalStep } from './decide-approval-step';
import { loadApprovalCase, loadRevisedTerms, viewApprovalCase } from './load-approval-case';
import { submitForApproval } from './submit-for-approval';

const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
const deciders = ['risk_officer', 'approver'] as const;
const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;

/** Approval (审批): submission, the steps of the authority matrix with four-eyes, revised terms. */
export const approvalsRoutes: FastifyPluginAsync<{ deps: ApprovalsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['approvals'];

  app.post(
    '/api/staff/applications/:id/approval',
    {
      config: { access: ['loan_officer'] },
      schema: {
        tags,
        summary: 'Submit an application in risk control for approval',
        params: IdParams,
        body: SubmitForApprovalBody,
        response: { 201: ApprovalCaseView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const record = await submitForApproval({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
      });
      return reply.code(201).send(viewApprovalCase({ record, decisions: [], actor }));
    },
  );

  app.get(
    '/api/staff/applications/:id/approval',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The application’s approval case: steps, decisions, what is next, whether I may decide',
        params: IdParams,
        response: { 200: ApprovalCaseView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadApprovalCase({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.post(
    '/api/staff/applications/:id/approval/decisions',
    {
      config: { access: deciders, stepUp: true },
      schema: {
        tags,
        summary: 'Decide the current step (second factor within 5 minutes): approve, reject or return',
        params: IdParams,
        body: DecideApprovalBody,
        response: { 200: ApprovalCaseView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await decideApprovalStep({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        ...request.body,
      });
      return loadApprovalCase({ deps, actor, applicationId: request.params.id });
    },
  );

  app.get(
    '/api/applications/:id/revised-terms',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Revised terms waiting for my answer',
        params: IdParams,
        response: { 200: RevisedTermsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => loadRevisedTerms({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.post(
    '/api/applications/:id/revised-terms/answer',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Accept or decline the revised terms (naming the disclosure read)',
        params: IdParams,
        body: AnswerRevisedTermsBody,
        response: { 200: ApprovalAnswerView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const record = await answerRevisedTerms({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        ...request.body,
      });
      return { applicationId: record.applicationId, caseStatus: record.status };
    },
  );
};
