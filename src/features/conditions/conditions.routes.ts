import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, OkBody, errorResponses } from '../../contracts/common.schema';
import { BinaryString, mediaResponse, uploadedFileTypes } from '../../contracts/media-response.schema';
import {
  BorrowerConditionsView,
  ConditionEvidenceQuery,
  ConditionParams,
  ConditionReasonBody,
  ConditionsView,
} from '../../contracts/conditions.schema';
import { allowedDocumentTypes } from '../../core/documents/inspect-upload';
import { actorOf, captureOf } from '../accounts/request-context';
import type { ConditionsDeps } from './conditions-deps';
import { listBorrowerConditions, listConditions } from './list-conditions';
import { readConditionEvidence } from './read-condition-evidence';
import { revokeCondition } from './revoke-condition';
import { tickCondition } from './tick-condition';
import { waiveCondition } from './waive-condition';

const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
const tickers = ['loan_officer', 'risk_officer'] as const;
const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;

/** Conditions precedent to drawdown (放款前提条件): the checklist, ticks with evidence, revocations, waivers. */
export const conditionsRoutes: FastifyPluginAsync<{ deps: ConditionsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['conditions'];

  // Evidence arrives as the raw file with its own content type, as application documents do.
  app.addContentTypeParser(
    Object.keys(allowedDocumentTypes),
    { parseAs: 'buffer', bodyLimit: deps.settings.maxUploadBytes },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/staff/applications/:id/conditions',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The conditions precedent of an application: status, evidence, who and when',
        params: IdParams,
        response: { 200: ConditionsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => listConditions({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );

  app.post(
    '/api/staff/applications/:id/conditions/:code/evidence',
    {
      config: { access: tickers },
      bodyLimit: deps.settings.maxUploadBytes,
      schema: {
        tags,
        summary:
          'Tick a condition with its evidence: the raw file as the body, its type as Content-Type (PDF, JPEG or PNG)',
        params: ConditionParams,
        querystring: ConditionEvidenceQuery,
        consumes: Object.keys(allowedDocumentTypes),
        response: { 201: ConditionsView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await tickCondition({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        code: request.params.code,
        filename: request.query.filename,
        note: request.query.note ?? '',
        declaredType: request.headers['content-type'] ?? '',
        // A JSON body (the only other parser) is not a file: inspected as empty, so refused.
        bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      });
      return reply.code(201).send(await listConditions({ deps, actor, applicationId: request.params.id }));
    },
  );

  app.get(
    '/api/staff/applications/:id/conditions/:code/evidence',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'Download the evidence file of a condition (always as an attachment)',
        params: ConditionParams,
        response: {
          200: mediaResponse(uploadedFileTypes, 'The evidence file as uploaded', BinaryString),
          ...errorResponses(400, 401, 403, 404, 409, 410),
        },
      },
    },
    async (request, reply) => {
      const { file, bytes } = await readConditionEvidence({
        deps,
        actor: actorOf(request),
        applicationId: request.params.id,
        code: request.params.code,
      });
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );

  app.post(
    '/api/staff/applications/:id/conditions/:code/revoke',
    {
      config: { access: tickers },
      schema: {
        tags,
        summary: 'Undo the tick or waiver of a condition, with a reason (before disbursement)',
        params: ConditionParams,
        body: ConditionReasonBody,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      await revokeCondition({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        code: request.params.code,
        reason: request.body.reason,
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/staff/applications/:id/conditions/:code/waive',
    {
      config: { access: ['approver'], stepUp: true },
      schema: {
        tags,
        summary: 'Waive a waivable condition, with a reason (approver, second factor within 5 minutes)',
        params: ConditionParams,
        body: ConditionReasonBody,
        response: { 200: OkBody, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      await waiveCondition({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        code: request.params.code,
        reason: request.body.reason,
      });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/applications/:id/conditions',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'The conditions precedent of my application: titles and status',
        params: IdParams,
        response: { 200: BorrowerConditionsView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listBorrowerConditions({ deps, actor: actorOf(request), applicationId: request.params.id }),
  );
};
