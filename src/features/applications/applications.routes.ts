import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import {
  ApplicationPage,
  ApplicationView,
  CreateApplicationBody,
  DocumentParams,
  DocumentView,
  ProductList,
  UpdateApplicationBody,
  UploadQuery,
  VersionBody,
  WithdrawBody,
} from '../../contracts/applications.schema';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { BinaryString, mediaResponse, uploadedFileTypes } from '../../contracts/media-response.schema';
import { allowedDocumentTypes } from '../../core/documents/inspect-upload';
import { actorOf, captureOf } from '../accounts/request-context';
import type { ApplicationsDeps } from './applications-deps';
import { createApplication } from './create-application';
import { describeApplication } from './describe-application';
import { listMyApplications } from './list-my-applications';
import { listProducts } from './list-products';
import { loadApplication } from './load-application';
import { readDocument } from './read-document';
import { submitApplication } from './submit-application';
import { updateDraft } from './update-draft';
import { uploadDocument } from './upload-document';
import { withdrawApplication } from './withdraw-application';

const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;
const viewers = [
  'borrower_individual',
  'borrower_enterprise',
  'loan_officer',
  'risk_officer',
  'approver',
] as const;
const PageQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

/** The borrower's side of loan applications: products, drafts, submission, documents, withdrawal. */
export const applicationsRoutes: FastifyPluginAsync<{ deps: ApplicationsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['applications'];

  // Uploads arrive as the raw file with its own content type; everything else is JSON.
  app.addContentTypeParser(
    Object.keys(allowedDocumentTypes),
    { parseAs: 'buffer', bodyLimit: deps.settings.maxUploadBytes },
    (_req, body, done) => done(null, body),
  );

  const view = async (record: Parameters<typeof describeApplication>[0]['record']) =>
    describeApplication({ deps, record });

  app.get(
    '/api/products',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Loan products and their limits', response: { 200: ProductList } },
    },
    async () => listProducts({ policy: deps.policy }),
  );

  app.get(
    '/api/applications',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'My applications',
        querystring: PageQuery,
        response: { 200: ApplicationPage, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => listMyApplications({ deps, actor: actorOf(request), ...request.query }),
  );

  app.post(
    '/api/applications',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Start an application (draft, or submitted at once with submit=true)',
        body: CreateApplicationBody,
        response: { 201: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { kind, details, submit } = request.body;
      const record = await createApplication({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        kind,
        details,
        submit: submit ?? false,
      });
      const { account } = request.auth!;
      const createdBy =
        record.status === 'draft' ? { role: account.role, displayName: account.displayName } : undefined;
      return reply
        .code(201)
        .send(await describeApplication({ deps, record, ...(createdBy ? { createdBy } : {}) }));
    },
  );

  app.get(
    '/api/applications/:id',
    {
      config: { access: viewers },
      schema: {
        tags,
        summary: 'One application with screening, documents and history',
        params: IdParams,
        response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => view(await loadApplication({ deps, actor: actorOf(request), id: request.params.id })),
  );

  app.put(
    '/api/applications/:id',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Save a draft again',
        params: IdParams,
        body: UpdateApplicationBody,
        response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      view(
        await updateDraft({
          deps,
          actor: actorOf(request),
          id: request.params.id,
          version: request.body.version,
          details: request.body.details,
        }),
      ),
  );

  app.post(
    '/api/applications/:id/submit',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Submit a draft; first screening runs at once',
        params: IdParams,
        body: VersionBody,
        response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      view(
        await submitApplication({
          deps,
          actor: actorOf(request),
          capture: captureOf(request),
          id: request.params.id,
          version: request.body.version,
        }),
      ),
  );

  app.post(
    '/api/applications/:id/withdraw',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'Withdraw an application',
        params: IdParams,
        body: WithdrawBody,
        response: { 200: ApplicationView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      view(
        await withdrawApplication({
          deps,
          actor: actorOf(request),
          capture: captureOf(request),
          id: request.params.id,
          reason: request.body.reason,
        }),
      ),
  );

  app.post(
    '/api/applications/:id/documents',
    {
      config: { access: borrowers },
      bodyLimit: deps.settings.maxUploadBytes,
      schema: {
        tags,
        summary: 'Upload a document: the raw file as the body, its type as Content-Type (PDF, JPEG or PNG)',
        params: IdParams,
        querystring: UploadQuery,
        consumes: Object.keys(allowedDocumentTypes),
        response: { 201: DocumentView, ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const doc = await uploadDocument({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        applicationId: request.params.id,
        kind: request.query.kind,
        filename: request.query.filename,
        declaredType: request.headers['content-type'] ?? '',
        bytes: request.body as Buffer,
      });
      return reply.code(201).send({
        id: doc.id,
        kind: request.query.kind,
        filename: doc.filename,
        contentType: doc.contentType,
        sizeBytes: doc.sizeBytes,
        sha256: doc.sha256,
        uploadedAt: doc.uploadedAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/applications/:id/documents/:documentId',
    {
      config: { access: viewers },
      schema: {
        tags,
        summary: 'Download a document (always as an attachment)',
        params: DocumentParams,
        response: {
          200: mediaResponse(uploadedFileTypes, 'The document as uploaded', BinaryString),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { document, bytes } = await readDocument({
        deps,
        actor: actorOf(request),
        applicationId: request.params.id,
        documentId: request.params.documentId,
      });
      return reply
        .header('content-type', document.contentType)
        .header(
          'content-disposition',
          `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(document.filename)}`,
        )
        .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
        .header('x-content-type-options', 'nosniff')
        .send(bytes);
    },
  );
};
