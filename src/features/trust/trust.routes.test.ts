import fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { trustRoutes } from './trust.routes';
import type { TrustServices } from './trust-services.port';

/** A fake that records what the responder was asked; its answers are marker bytes. */
function fakeServices(options: { hasTimestamp?: boolean } = {}) {
  const asked: Buffer[] = [];
  const services: TrustServices = {
    rootCertificateDer: () => Buffer.from('ROOT'),
    issuingCertificateDer: () => Buffer.from('ISSUING'),
    issuingCrl: async () => Buffer.from('CRL'),
    rootCrl: () => Buffer.from('ROOTCRL'),
    ocsp: async (der) => {
      asked.push(Buffer.from(der));
      return Buffer.from('OCSP-RESPONSE');
    },
    ...(options.hasTimestamp ? { timestamp: async () => Buffer.from('TSR') } : {}),
  };
  return { services, asked };
}

describe('trust routes (/api/pki)', () => {
  let app: FastifyInstance;
  const make = async (services: TrustServices) => {
    // As build-app configures the router, so the GET form's long paths are tested as deployed.
    app = fastify({ routerOptions: { maxParamLength: 200 } });
    // The app's error contract ({"error":{"code","message"}}), which the routes' error schemas describe.
    app.setErrorHandler((e: { statusCode?: number; code?: string; message: string }, _request, reply) =>
      reply
        .code(e.statusCode ?? 500)
        .send({ error: { code: e.code ?? 'INTERNAL_ERROR', message: e.message } }),
    );
    const routes: { url: string; access: unknown; tags: unknown }[] = [];
    app.addHook('onRoute', (r) => {
      routes.push({ url: r.url, access: r.config?.access, tags: (r.schema as { tags?: unknown })?.tags });
    });
    await app.register(trustRoutes, { deps: services });
    await app.ready();
    return routes;
  };
  afterEach(() => app.close());

  it('every route is public and tagged pki', async () => {
    const routes = await make(fakeServices({ hasTimestamp: true }).services);
    expect([...new Set(routes.map((r) => r.url))].sort()).toEqual(
      [
        '/api/pki/issuing.crl',
        '/api/pki/issuing.crt',
        '/api/pki/ocsp',
        '/api/pki/ocsp/*',
        '/api/pki/root.crl',
        '/api/pki/root.crt',
        '/api/pki/tsa',
      ].sort(),
    );
    for (const r of routes) expect([r.url, r.access, r.tags]).toEqual([r.url, 'public', ['pki']]);
  });

  it('serves certificates and CRLs as DER with their media types', async () => {
    await make(fakeServices().services);
    const cases = [
      ['/api/pki/root.crt', 'application/pkix-cert', 'ROOT'],
      ['/api/pki/issuing.crt', 'application/pkix-cert', 'ISSUING'],
      ['/api/pki/issuing.crl', 'application/pkix-crl', 'CRL'],
      ['/api/pki/root.crl', 'application/pkix-crl', 'ROOTCRL'],
    ] as const;
    for (const [url, type, body] of cases) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.headers['content-type'], res.body]).toEqual([url, 200, type, body]);
      expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    }
  });

  it('POST /api/pki/ocsp hands the raw body to the responder and answers application/ocsp-response', async () => {
    const { services, asked } = fakeServices();
    await make(services);
    const body = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00, 0xff]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/pki/ocsp',
      headers: { 'content-type': 'application/ocsp-request' },
      payload: body,
    });
    expect([res.statusCode, res.headers['content-type'], res.body]).toEqual([
      200,
      'application/ocsp-response',
      'OCSP-RESPONSE',
    ]);
    expect(asked).toEqual([body]);
  });

  it('a bad OCSP body is the responder’s to answer (malformedRequest), not a 5xx; wrong type 415, too big 413', async () => {
    const { services, asked } = fakeServices();
    await make(services);
    const post = (payload: Buffer | string, type: string) =>
      app.inject({ method: 'POST', url: '/api/pki/ocsp', headers: { 'content-type': type }, payload });
    const garbage = await post(Buffer.from('not an OCSP request'), 'application/ocsp-request');
    expect(garbage.statusCode).toBe(200);
    expect(asked.at(-1)!.toString()).toBe('not an OCSP request');
    const empty = await post(Buffer.alloc(0), 'application/ocsp-request');
    expect(empty.statusCode).toBeLessThan(500);
    const json = await post('{"a":1}', 'application/json');
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE']);
    const big = await post(Buffer.alloc(17 * 1024, 0x30), 'application/ocsp-request');
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'FST_ERR_CTP_BODY_TOO_LARGE']);
    expect(asked.every((b) => b.length <= 16 * 1024)).toBe(true);
  });

  it('GET /api/pki/ocsp/<base64> (RFC 6960 A.1): standard, URL-safe, escaped and unescaped slashes', async () => {
    const { services, asked } = fakeServices();
    await make(services);
    // 180 bytes: longer than maxParamLength once base64-encoded, with '+' and '/' in the encoding.
    const request = Buffer.from(Array.from({ length: 180 }, (_, i) => (i * 251 + 0xfb) & 0xff));
    const b64 = request.toString('base64');
    expect(b64).toMatch(/\//);
    const forms = [
      b64,
      encodeURIComponent(b64),
      request.toString('base64url'),
      encodeURIComponent(b64).replace(/%2F/g, '/'),
    ];
    for (const form of forms) {
      const res = await app.inject({ method: 'GET', url: `/api/pki/ocsp/${form}` });
      expect([res.statusCode, res.headers['content-type']]).toEqual([200, 'application/ocsp-response']);
      expect(asked.at(-1)!.equals(request), form).toBe(true);
    }
    const calls = asked.length;
    const badEscape = await app.inject({ method: 'GET', url: '/api/pki/ocsp/%E0%A4%A' });
    expect(badEscape.statusCode).toBe(400); // Fastify's FST_ERR_BAD_URL: JSON VALIDATION_FAILED in the app
    expect(asked.length).toBe(calls);
    for (const bad of ['not*base64', '%00', 'QUJD%3D%3D%3D']) {
      const res = await app.inject({ method: 'GET', url: `/api/pki/ocsp/${bad}` });
      expect(res.statusCode, bad).toBe(200);
      expect(asked.at(-1)!.length, bad).toBe(0); // nothing decodes: the responder answers malformedRequest
    }
  });

  it('the timestamp authority is served only when offered', async () => {
    await make(fakeServices().services);
    const query = { method: 'POST' as const, url: '/api/pki/tsa', payload: Buffer.from([0x30, 0x00]) };
    expect(
      (await app.inject({ ...query, headers: { 'content-type': 'application/timestamp-query' } })).statusCode,
    ).toBe(404);
    await app.close();
    await make(fakeServices({ hasTimestamp: true }).services);
    const res = await app.inject({ ...query, headers: { 'content-type': 'application/timestamp-query' } });
    expect([res.statusCode, res.headers['content-type'], res.body]).toEqual([
      200,
      'application/timestamp-reply',
      'TSR',
    ]);
  });
});
