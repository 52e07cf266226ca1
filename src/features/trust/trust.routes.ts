import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { errorResponses } from '../../contracts/common.schema';
import { mediaResponse } from '../../contracts/media-response.schema';
import type { TrustServices } from './trust-services.port';

/** OCSP requests are a few hundred bytes; RFC 3161 queries smaller still. */
const MAX_REQUEST_BYTES = 16 * 1024;
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary' });
const CERTIFICATE_CACHE = 'public, max-age=86400';
/** Well inside the CRL's and the OCSP responses' one-day validity (RFC 5019 §6.2). */
const STATUS_CACHE = 'public, max-age=300';

/**
 * RFC 6960 appendix A.1 GET: the path after /api/pki/ocsp/ is the URL-encoded base64 of the DER
 * request. Clients differ (standard or URL-safe alphabet, `/` escaped or not), so all are accepted;
 * anything else decodes to nothing, which the responder answers as malformedRequest.
 */
function decodeOcspPath(path: string): Buffer {
  let text: string;
  try {
    text = decodeURIComponent(path);
  } catch {
    return Buffer.alloc(0);
  }
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text)) return Buffer.alloc(0);
  return Buffer.from(text, 'base64');
}

/**
 * The platform's public trust services (信任服务) at /api/pki: the root and issuing CA certificates,
 * the CRLs the certificates' distribution points name, the OCSP responder their AIA names (POST and
 * GET, RFC 6960 appendix A) and, when offered, the RFC 3161 timestamp authority. Public: relying
 * parties are anonymous programs, not users.
 *
 * A bad OCSP request (not DER, not an OCSPRequest, bad base64) is answered 200 with an OCSP
 * `malformedRequest` response, as RFC 6960 §2.3 has it: OCSP clients read the status in the body, not
 * JSON. Only what never reaches the responder is a JSON error: a wrong content type (415), a body
 * over 16 KB (413), a GET path that is not valid percent-encoding (400, refused by Fastify's router).
 */
export const trustRoutes: FastifyPluginAsync<{ deps: TrustServices }> = async (plain, { deps }) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['pki'];

  // Scoped to this plugin: only these raw DER bodies are read here (JSON and the rest get 415).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/ocsp-request', 'application/timestamp-query'],
    { parseAs: 'buffer', bodyLimit: MAX_REQUEST_BYTES },
    (_request, body, done) => done(null, body),
  );

  const der = (contentType: string, description: string) =>
    mediaResponse(contentType, description, { ...Binary, description });

  app.get(
    '/api/pki/root.crt',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The platform root CA certificate (DER): the trust anchor for signed contracts',
        response: { 200: der('application/pkix-cert', 'DER X.509 certificate (application/pkix-cert)') },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/pkix-cert')
        .header('cache-control', CERTIFICATE_CACHE)
        .send(deps.rootCertificateDer()),
  );

  app.get(
    '/api/pki/issuing.crt',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The issuing CA certificate (DER): the caIssuers URL of platform certificates',
        response: { 200: der('application/pkix-cert', 'DER X.509 certificate (application/pkix-cert)') },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/pkix-cert')
        .header('cache-control', CERTIFICATE_CACHE)
        .send(deps.issuingCertificateDer()),
  );

  app.get(
    '/api/pki/issuing.crl',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The issuing CA’s current CRL (DER): the CRL distribution point of platform certificates',
        response: {
          200: der('application/pkix-crl', 'DER X.509 CRL (application/pkix-crl)'),
          ...errorResponses(500),
        },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/pkix-crl')
        .header('cache-control', STATUS_CACHE)
        .send(await deps.issuingCrl()),
  );

  const { rootCrl } = deps;
  if (rootCrl)
    app.get(
      '/api/pki/root.crl',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The root CA’s CRL (DER): the CRL distribution point of the issuing CA certificate',
          response: { 200: der('application/pkix-crl', 'DER X.509 CRL (application/pkix-crl)') },
        },
      },
      async (_request, reply) =>
        reply.type('application/pkix-crl').header('cache-control', STATUS_CACHE).send(rootCrl.call(deps)),
    );

  const ocspAnswer = der(
    'application/ocsp-response',
    'DER OCSPResponse (application/ocsp-response); a bad request gets status malformedRequest here, not a JSON error',
  );

  app.post(
    '/api/pki/ocsp',
    {
      config: { access: 'public' },
      bodyLimit: MAX_REQUEST_BYTES,
      schema: {
        tags,
        summary: 'OCSP (RFC 6960): the status of a platform certificate; body = DER OCSPRequest',
        consumes: ['application/ocsp-request'],
        response: { 200: ocspAnswer, ...errorResponses(413, 415) },
      },
    },
    async (request, reply) =>
      reply.type('application/ocsp-response').send(await deps.ocsp(request.body as Buffer)),
  );

  app.get(
    '/api/pki/ocsp/*',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'OCSP by GET (RFC 6960 appendix A.1): the path is the URL-encoded base64 DER OCSPRequest',
        params: Type.Object({ '*': Type.String({ maxLength: 8192 }) }),
        response: { 200: ocspAnswer, ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      reply
        .type('application/ocsp-response')
        .header('cache-control', STATUS_CACHE)
        .send(await deps.ocsp(decodeOcspPath(request.params['*']))),
  );

  const { timestamp } = deps;
  if (timestamp)
    app.post(
      '/api/pki/tsa',
      {
        config: { access: 'public' },
        bodyLimit: MAX_REQUEST_BYTES,
        schema: {
          tags,
          summary: 'Timestamp (RFC 3161 over HTTP): body = DER TimeStampReq, SHA-256 imprint',
          consumes: ['application/timestamp-query'],
          response: {
            200: der(
              'application/timestamp-reply',
              'DER TimeStampResp (application/timestamp-reply); refusals carry status rejection',
            ),
            ...errorResponses(413, 415),
          },
        },
      },
      async (request, reply) =>
        reply.type('application/timestamp-reply').send(await timestamp.call(deps, request.body as Buffer)),
    );
};
