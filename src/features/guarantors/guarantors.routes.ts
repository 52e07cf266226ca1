import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import {
  AcceptGuaranteeBody,
  DeclineGuaranteeBody,
  GuaranteeAnswerView,
  GuaranteeParams,
  GuarantorInvitationView,
  GuarantorListView,
  InvitationParams,
  InviteGuarantorBody,
  MyGuaranteesView,
} from '../../contracts/guarantors.schema';
import type { InviterSide } from '../../core/guarantors/guarantee';
import { actorOf, captureOf } from '../accounts/request-context';
import { acceptGuarantee, declineGuarantee } from './answer-guarantee';
import type { GuarantorsDeps } from './guarantors-deps';
import { viewInvitation } from './guarantor-views';
import type { GuarantorInvitationRecord } from './guarantor-store.port';
import { inviteGuarantor } from './invite-guarantor';
import { listGuarantors, listMyGuarantees } from './list-guarantors';
import { withdrawGuarantor } from './withdraw-guarantor';

const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;
const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;

/**
 * Guarantors (担保人): the borrower (own application) or a loan officer invites, lists and withdraws;
 * the invited person, logged in to their own individual account, reads and accepts (with a fresh
 * second factor) or declines under /api/guarantees.
 */
export const guarantorsRoutes: FastifyPluginAsync<{ deps: GuarantorsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['guarantors'];

  const answer = (r: GuarantorInvitationRecord) => ({
    id: r.id,
    status: r.status,
    answeredAt: r.answeredAt?.toISOString() ?? null,
  });
  const viewOne = async (r: GuarantorInvitationRecord) => {
    const application = (await deps.applications.find(r.applicationId))!;
    return viewInvitation(r, application, true);
  };

  const sides: { prefix: string; side: InviterSide; read: readonly string[]; write: readonly string[] }[] = [
    { prefix: '/api/applications', side: 'borrower', read: borrowers, write: borrowers },
    { prefix: '/api/staff/applications', side: 'officer', read: caseworkers, write: ['loan_officer'] },
  ];
  for (const { prefix, side, read, write } of sides) {
    const who = side === 'borrower' ? 'the borrower' : 'a loan officer';
    app.post(
      `${prefix}/:id/guarantors`,
      {
        config: { access: write as never },
        schema: {
          tags,
          summary: `Invite a guarantor (${who}); they get an SMS to open 我的担保`,
          params: IdParams,
          body: InviteGuarantorBody,
          response: { 201: GuarantorInvitationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const record = await inviteGuarantor({
          deps,
          actor: actorOf(request),
          side,
          capture: captureOf(request),
          applicationId: request.params.id,
          input: request.body,
        });
        return reply.code(201).send(await viewOne(record));
      },
    );
    app.get(
      `${prefix}/:id/guarantors`,
      {
        config: { access: read as never },
        schema: {
          tags,
          summary: `The application’s guarantor invitations (${side === 'borrower' ? 'its borrower' : 'caseworkers'}; mobiles masked)`,
          params: IdParams,
          response: { 200: GuarantorListView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        listGuarantors({ deps, actor: actorOf(request), side, applicationId: request.params.id }),
    );
    app.post(
      `${prefix}/:id/guarantors/:invitationId/withdraw`,
      {
        config: { access: write as never },
        schema: {
          tags,
          summary: `Withdraw a guarantor invitation (${who}; an accepted one only before approval)`,
          params: InvitationParams,
          response: { 200: GuarantorInvitationView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const record = await withdrawGuarantor({
          deps,
          actor: actorOf(request),
          side,
          capture: captureOf(request),
          applicationId: request.params.id,
          invitationId: request.params.invitationId,
        });
        return viewOne(record);
      },
    );
  }

  app.get(
    '/api/guarantees',
    {
      // Guarantors are individuals; an enterprise account is answered an empty list (the menu is shared).
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'The guarantees I was invited to give (to my own mobile), with the consent text to read',
        response: { 200: MyGuaranteesView, ...errorResponses(401, 403) },
      },
    },
    async (request) => listMyGuarantees({ deps, actor: actorOf(request) }),
  );

  app.post(
    '/api/guarantees/:invitationId/accept',
    {
      config: { access: ['borrower_individual'], stepUp: true },
      schema: {
        tags,
        summary:
          'Accept a guarantee (verified identity; second factor within 5 minutes), naming the text read',
        params: GuaranteeParams,
        body: AcceptGuaranteeBody,
        response: { 200: GuaranteeAnswerView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      answer(
        await acceptGuarantee({
          deps,
          actor: actorOf(request),
          capture: captureOf(request),
          invitationId: request.params.invitationId,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/api/guarantees/:invitationId/decline',
    {
      config: { access: ['borrower_individual'] },
      schema: {
        tags,
        summary: 'Decline a guarantee, with a reason',
        params: GuaranteeParams,
        body: DeclineGuaranteeBody,
        response: { 200: GuaranteeAnswerView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      answer(
        await declineGuarantee({
          deps,
          actor: actorOf(request),
          capture: captureOf(request),
          invitationId: request.params.invitationId,
          reason: request.body.reason,
        }),
      ),
  );
};
