import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { AppError, isAppError } from '../../core/errors';
import { IdParams, errorResponses } from '../../contracts/common.schema';
import { mediaResponse } from '../../contracts/media-response.schema';
import {
  ConsistencyProof,
  ConsistencyQuery,
  InclusionProof,
  InclusionQuery,
  LedgerEntryList,
  LedgerOverview,
  ReceiptList,
  ReceiptParams,
} from '../../contracts/ledger.schema';
import { actorOf, captureOf } from '../accounts/request-context';
import { buildEvidencePackage } from './build-evidence-package';
import { entryReceipt } from './entry-receipt';
import type { LedgerDeps } from './ledger-deps';
import { ledgerOverview } from './ledger-overview';
import { listApplicationEntries } from './list-application-entries';
import { listReceipts } from './list-receipts';
import { proveConsistency } from './prove-consistency';
import { proveInclusion } from './prove-inclusion';
import { readLedgerTile } from './read-ledger-tile';
import { readCheckpointOfSize } from './read-checkpoint-of-size';
import { readPublishedCheckpoint } from './read-published-checkpoint';
import { witnessAddCheckpoint } from './witness-add-checkpoint';

const caseworkers = ['loan_officer', 'risk_officer', 'approver'] as const;
const staff = [...caseworkers, 'admin'] as const;
const borrowers = ['borrower_individual', 'borrower_enterprise'] as const;
const signedNote = mediaResponse('text/plain', 'A C2SP signed note');
const text = { 200: signedNote, ...errorResponses(404) };
const b64 = (b: Buffer) => b.toString('base64');

/**
 * The evidence ledger over HTTP. Public, read-only and cacheable, in the published formats so that
 * tools we did not write can read us: the checkpoint (C2SP signed note), the verifier key, the
 * tlog-tiles paths, JSON proofs; the tlog-witness endpoint when this node is a witness. Staff get the
 * overview, per-application entries and evidence packages; borrowers their own receipts.
 */
export const ledgerRoutes: FastifyPluginAsync<{ deps: LedgerDeps }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['ledger'];

  app.get(
    '/ledger/checkpoint',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The latest published checkpoint (C2SP signed note, cosigned)',
        response: text,
      },
    },
    async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send((await readPublishedCheckpoint(deps)).publishedNote),
  );

  app.get(
    '/api/ledger/checkpoints/:size',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'An earlier published checkpoint (signed note), by tree size',
        params: Type.Object(
          { size: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) },
          { additionalProperties: false },
        ),
        response: { 200: signedNote, ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(await readCheckpointOfSize(deps, request.params.size)),
  );

  app.get(
    '/ledger/vkey',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'The log’s verifier key (C2SP note vkey)', response: text },
    },
    async (_request, reply) => reply.type('text/plain; charset=utf-8').send(`${deps.vkey}\n`),
  );

  app.get(
    '/ledger/tile/*',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'tlog-tiles: a hash tile tile/<L>/<N>[.p/<W>] or an entry bundle tile/entries/<N>[.p/<W>]',
        response: {
          200: mediaResponse('application/octet-stream', 'A tile or entry bundle (tlog-tiles)'),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const path = `tile/${(request.params as { '*': string })['*']}`;
      const { bytes, isFull } = await readLedgerTile(deps, path);
      return reply
        .type('application/octet-stream')
        .header('cache-control', isFull ? 'public, max-age=31536000, immutable' : 'public, max-age=10')
        .send(bytes);
    },
  );

  app.get(
    '/api/ledger/proofs/inclusion',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary:
          'An inclusion proof by index or leaf hash (against the latest published checkpoint by default)',
        querystring: InclusionQuery,
        response: { 200: InclusionProof, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { index, leafHash, size } = request.query;
      if ((index === undefined) === (leafHash === undefined))
        throw new AppError('VALIDATION_FAILED', 'Give either index or leafHash');
      const hash =
        leafHash === undefined ? undefined : Buffer.from(leafHash, leafHash.length === 64 ? 'hex' : 'base64');
      const p = await proveInclusion(deps, { index, leafHash: hash, size });
      return {
        index: p.index,
        size: p.size,
        leafHash: b64(p.leafHash),
        proof: p.proof.map(b64),
        rootHash: b64(p.root),
        ...(p.checkpoint === undefined ? {} : { checkpoint: p.checkpoint }),
      };
    },
  );

  app.get(
    '/api/ledger/proofs/consistency',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A consistency proof between two tree sizes',
        querystring: ConsistencyQuery,
        response: { 200: ConsistencyProof, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const p = await proveConsistency(deps, request.query);
      return {
        from: p.from,
        to: p.to,
        fromRootHash: b64(p.fromRoot),
        toRootHash: b64(p.toRoot),
        proof: p.proof.map(b64),
      };
    },
  );

  app.get(
    '/api/ledger/overview',
    {
      config: { access: staff },
      schema: {
        tags,
        summary: 'The ledger at a glance',
        response: { 200: LedgerOverview, ...errorResponses(401, 403) },
      },
    },
    async () => ledgerOverview(deps),
  );

  app.get(
    '/api/ledger/applications/:id/entries',
    {
      config: { access: [...caseworkers, ...borrowers] },
      schema: {
        tags,
        summary: 'The ledger entries of one application',
        params: IdParams,
        response: { 200: LedgerEntryList, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      listApplicationEntries(deps, { actor: actorOf(request), applicationId: request.params.id }),
  );

  app.get(
    '/api/ledger/receipts',
    {
      config: { access: borrowers },
      schema: {
        tags,
        summary: 'The borrower’s receipts',
        response: { 200: ReceiptList, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ applications: await listReceipts(deps, { actor: actorOf(request) }) }),
  );

  app.get(
    '/api/ledger/entries/:index/tlog-proof',
    {
      config: { access: [...caseworkers, ...borrowers] },
      schema: {
        tags,
        summary: 'A receipt for one entry (C2SP tlog-proof with the leaf)',
        params: ReceiptParams,
        response: {
          200: mediaResponse('text/plain', 'A C2SP tlog-proof'),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .header('content-disposition', `attachment; filename="mianqian-${request.params.index}.tlog-proof"`)
        .send(await entryReceipt(deps, { actor: actorOf(request), index: request.params.index })),
  );

  app.get(
    '/api/applications/:id/evidence',
    {
      config: { access: caseworkers },
      schema: {
        tags,
        summary: 'The evidence package of one loan (zip; check it with `mianqian verify`)',
        params: IdParams,
        response: {
          200: mediaResponse('application/zip', 'The evidence package (zip)'),
          ...errorResponses(400, 401, 403, 404, 503),
        },
      },
    },
    async (request, reply) => {
      const { filename, bytes } = await buildEvidencePackage(deps, {
        actor: actorOf(request),
        applicationId: request.params.id,
        capture: captureOf(request),
      });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(bytes);
    },
  );

  if (deps.witness !== undefined) {
    const witness = deps.witness;
    app.get(
      '/witness/vkey',
      {
        config: { access: 'public' },
        schema: { tags: ['witness'], summary: 'This witness’s cosignature verifier key', response: text },
      },
      async (_request, reply) => reply.type('text/plain; charset=utf-8').send(`${witness.vkey}\n`),
    );
    app.post(
      '/witness/add-checkpoint',
      {
        config: { access: 'public' },
        schema: {
          tags: ['witness'],
          summary: 'C2SP tlog-witness add-checkpoint: cosign a checkpoint that extends the last one seen',
          body: Type.String({ maxLength: 64 * 1024 }),
          response: { 200: Type.String(), 409: Type.String(), ...errorResponses(400, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        try {
          const line = await witnessAddCheckpoint(deps, request.body);
          return await reply.type('text/plain; charset=utf-8').send(line);
        } catch (e) {
          // tlog-witness: a conflict answers the recorded size as text/x.tlog.size.
          if (isAppError(e, 'WITNESS_CONFLICT'))
            return reply
              .code(409)
              .type('text/x.tlog.size')
              .send(`${String(e.details?.size ?? 0)}\n`);
          throw e;
        }
      },
    );
  }
};
