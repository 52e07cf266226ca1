import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { BinaryString, mediaResponse } from '../../contracts/media-response.schema';
import {
  ContractList,
  ContractVerificationView,
  ContractView,
  GrantSealAuthorisationBody,
  PageParams,
  PrepareContractBody,
  RevokeSealAuthorisationBody,
  SealAuthorisationList,
  SealAuthorisationView,
  SignContractBody,
} from '../../contracts/loan-contracts.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import { applyBankSeal } from './apply-bank-seal';
import type { ContractsDeps } from './contracts-deps';
import { loadVisibleContract, viewContract } from './contract-views';
import { listMyContracts, loadApplicationContract } from './list-contracts';
import { prepareContract } from './prepare-contract';
import { readContractDocument } from './read-contract-document';
import { recordPageRead } from './record-page-read';
import {
  grantSealAuthorisation,
  revokeSealAuthorisation,
  viewSealAuthorisation,
} from './seal-authorisations';
import { signContract } from './sign-contract';
import { verifyContract } from './verify-contract';

const parties = ['borrower_individual', 'borrower_enterprise'] as const;
const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
const viewers = [...parties, ...caseworkers] as const;

function sendPdf(reply: FastifyReply, pdf: Buffer, filename: string, disposition: 'inline' | 'attachment') {
  return reply
    .header('content-type', 'application/pdf')
    .header(
      'content-disposition',
      `${disposition}; filename="contract.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    )
    .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
    .header('x-content-type-options', 'nosniff')
    .send(pdf);
}

/** Loan contracts (借款合同): preparation, reading, signing, the bank's seal, verification, seal authorisations. */
export const contractsRoutes: FastifyPluginAsync<{ deps: ContractsDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['contracts'];

  app.post(
    '/api/staff/applications/:id/contract',
    {
      config: { access: ['loan_officer'] },
      schema: {
        tags,
        summary: 'Prepare the loan contract of an approved application',
        params: IdParams,
        body: PrepareContractBody,
        response: { 201: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const found = await prepareContract({
        deps,
        actor,
        capture: captureOf(request),
        applicationId: request.params.id,
        input: request.body,
      });
      return reply.code(201).send(await viewContract({ deps, actor, ...found }));
    },
  );

  app.get(
    '/api/staff/applications/:id/contract',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The application’s contract and each signer’s status',
        params: IdParams,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return viewContract({
        deps,
        actor,
        ...(await loadApplicationContract({ deps, applicationId: request.params.id })),
      });
    },
  );

  app.get(
    '/api/contracts',
    {
      config: { access: parties },
      schema: {
        tags,
        summary: 'The contracts I sign (as borrower or guarantor)',
        response: { 200: ContractList, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { items: await listMyContracts({ deps, actor }) };
    },
  );

  app.get(
    '/api/contracts/:id',
    {
      config: { access: viewers },
      schema: {
        tags,
        summary: 'A contract: terms, signers and their status',
        params: IdParams,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return viewContract({
        deps,
        actor,
        ...(await loadVisibleContract({ deps, actor, contractId: request.params.id })),
      });
    },
  );

  app.get(
    '/api/contracts/:id/document',
    {
      config: { access: viewers },
      schema: {
        tags,
        summary: 'The contract PDF: the unsigned original or the newest signed revision',
        params: IdParams,
        querystring: Type.Object(
          {
            revision: Type.Optional(Type.Enum(['original', 'latest'] as const)),
            download: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: mediaResponse('application/pdf', 'The contract PDF', BinaryString),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { pdf, filename } = await readContractDocument({
        deps,
        actor: actorOf(request),
        contractId: request.params.id,
        revision: request.query.revision ?? 'latest',
      });
      return sendPdf(reply, pdf, filename, request.query.download ? 'attachment' : 'inline');
    },
  );

  app.post(
    '/api/contracts/:id/pages/:page/read',
    {
      config: { access: parties },
      schema: {
        tags,
        summary: 'Record that I had this page of the contract on screen',
        params: PageParams,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // The view reads the pages read after the new one is recorded.
      return viewContract({
        deps,
        actor,
        ...(await recordPageRead({ deps, actor, contractId: request.params.id, page: request.params.page })),
      });
    },
  );

  app.post(
    '/api/contracts/:id/sign',
    {
      config: { access: parties, stepUp: true },
      schema: {
        tags,
        summary: 'Sign the contract (second factor within 5 minutes, every page read, intent confirmed)',
        params: IdParams,
        body: SignContractBody,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const found = await signContract({
        deps,
        actor,
        capture: captureOf(request),
        contractId: request.params.id,
        input: request.body,
        secondFactor: {
          at: request.auth?.session.secondFactorAt ?? null,
          method: request.auth?.session.secondFactorMethod ?? null,
        },
      });
      return viewContract({ deps, actor, ...found });
    },
  );

  app.get(
    '/api/contracts/:id/verification',
    {
      config: { access: viewers },
      schema: {
        tags,
        summary: 'Verify every signature of the contract’s newest revision',
        params: IdParams,
        response: { 200: ContractVerificationView, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => verifyContract({ deps, actor: actorOf(request), contractId: request.params.id }),
  );

  app.post(
    '/api/staff/contracts/:id/seal',
    {
      config: { access: ['approver'], stepUp: true },
      schema: {
        tags,
        summary: 'Apply the bank’s seal to a contract every person has signed',
        params: IdParams,
        response: { 200: ContractView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const found = await applyBankSeal({
        deps,
        actor,
        capture: captureOf(request),
        contractId: request.params.id,
      });
      return viewContract({ deps, actor, ...found });
    },
  );

  app.get(
    '/api/admin/seal-authorisations',
    {
      config: { access: ['admin', 'approver'] },
      schema: {
        tags,
        summary: 'Standing authorisations for the bank’s seal',
        response: { 200: SealAuthorisationList, ...errorResponses(401, 403) },
      },
    },
    async () => {
      const now = deps.clock();
      const items = await deps.store.sealAuthorisations();
      return { items: items.map((a) => viewSealAuthorisation(a, now)) };
    },
  );

  app.post(
    '/api/admin/seal-authorisations',
    {
      config: { access: ['admin'], stepUp: true },
      schema: {
        tags,
        summary:
          'Authorise the bank’s seal to sign loan contracts automatically (up to an amount, for a time)',
        body: GrantSealAuthorisationBody,
        response: { 201: SealAuthorisationView, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const record = await grantSealAuthorisation({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        input: request.body,
      });
      return reply.code(201).send(viewSealAuthorisation(record, deps.clock()));
    },
  );

  app.post(
    '/api/admin/seal-authorisations/:id/revoke',
    {
      config: { access: ['admin'], stepUp: true },
      schema: {
        tags,
        summary: 'Revoke a seal authorisation',
        params: IdParams,
        body: RevokeSealAuthorisationBody,
        response: { 200: SealAuthorisationView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const record = await revokeSealAuthorisation({
        deps,
        actor: actorOf(request),
        capture: captureOf(request),
        id: request.params.id,
        reason: request.body.reason,
      });
      return viewSealAuthorisation(record, deps.clock());
    },
  );
};
