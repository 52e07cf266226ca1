import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, TestClient, uniqueMobile, type TestPlatform } from '../support/test-platform';
import { individualDetails } from '../support/fixtures';

describe('the HTTP edge', () => {
  let p: TestPlatform;
  let borrower: TestClient;
  beforeAll(async () => {
    p = await createTestPlatform({ target: 'pglite' });
    borrower = new TestClient(p.app);
    await borrower.register();
  });
  afterAll(() => p.close());

  it('answers health with the database checked', async () => {
    const r = await new TestClient(p.app).call('GET', '/api/health');
    expect(r).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('publishes OpenAPI 3.1 with every route and a docs page', async () => {
    const r = await new TestClient(p.app).call('GET', '/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    for (const path of [
      '/api/applications',
      '/api/applications/{id}/submit',
      '/api/staff/applications',
      '/api/session',
      '/api/accounts/register',
    ])
      expect(Object.keys(r.body.paths)).toContain(path);
    const docs = await new TestClient(p.app).call('GET', '/api/docs/');
    expect(docs.status).toBe(200);
    expect(String(docs.headers['content-type'])).toContain('text/html');
  });

  it('declares an access rule on every API route (fail closed)', () => {
    const apiRoutes = p.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
    expect(apiRoutes.length).toBeGreaterThan(15);
    for (const r of apiRoutes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    const anonymous = apiRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(anonymous.filter((r) => !r.includes('/api/docs'))).toEqual([
      'GET /api/health',
      'GET /api/openapi.json',
      'POST /api/accounts/register',
      'POST /api/session',
      'GET /api/products',
      'GET /api/ledger/checkpoints/:size',
      'GET /api/ledger/proofs/inclusion',
      'GET /api/ledger/proofs/consistency',
      // The trust services a relying party checks a signed contract with (no personal data).
      'GET /api/pki/root.crt',
      'GET /api/pki/issuing.crt',
      'GET /api/pki/issuing.crl',
      'GET /api/pki/root.crl',
      'POST /api/pki/ocsp',
      'GET /api/pki/ocsp/*',
    ]);
  });

  it('turns malformed input into 4xx JSON errors with stable codes, never 5xx', async () => {
    const c = borrower;
    const cases: [string, string, unknown, Record<string, string>?, number?, string?][] = [
      [
        'POST',
        '/api/applications',
        '{"kind": "individual", ',
        { 'content-type': 'application/json' },
        400,
        'MALFORMED_JSON',
      ],
      [
        'POST',
        '/api/applications',
        { kind: 'individual', details: { loan: { productCode: 'personal-consumer', amount: 5000 } } },
        {},
        400,
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/applications',
        { kind: 'individual', details: { loan: { productCode: 'personal-consumer', amount: '1.234' } } },
        {},
        400,
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/applications',
        { kind: 'individual', details: { loan: { productCode: 'personal-consumer', termMonths: '12' } } },
        {},
        400,
        'VALIDATION_FAILED',
      ],
      ['POST', '/api/applications', { kind: 'individual' }, {}, 400, 'VALIDATION_FAILED'],
      [
        'POST',
        '/api/applications',
        { kind: 'individual', details: individualDetails(), isAdmin: true },
        {},
        400,
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/applications',
        '{"kind":"individual","details":{"loan":{"productCode":"personal-consumer"},"__proto__":{"polluted":1}}}',
        { 'content-type': 'application/json' },
        400,
        undefined,
      ],
      [
        'POST',
        '/api/applications',
        '{"kind":"individual","details":{"loan":{"productCode":"personal-consumer"},"constructor":{"prototype":{"polluted":1}}}}',
        { 'content-type': 'application/json' },
        400,
        undefined,
      ],
      [
        'POST',
        '/api/applications',
        { kind: 'individual', details: { loan: { productCode: 'no-such-product' } } },
        {},
        404,
        'PRODUCT_NOT_FOUND',
      ],
      [
        'POST',
        '/api/applications',
        { kind: 'individual', details: { loan: { productCode: 'x'.repeat(10_000) } } },
        {},
        400,
        'VALIDATION_FAILED',
      ],
      [
        'POST',
        '/api/applications',
        JSON.stringify({
          kind: 'individual',
          details: { loan: { productCode: 'p', purposeDetail: 'x'.repeat(300_000) } },
        }),
        { 'content-type': 'application/json' },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'POST',
        '/api/applications',
        'kind=individual',
        { 'content-type': 'application/x-www-form-urlencoded' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['GET', '/api/applications/not-a-uuid', undefined, {}, 400, 'VALIDATION_FAILED'],
      [
        'GET',
        '/api/applications/00000000-0000-4000-8000-000000000000',
        undefined,
        {},
        404,
        'APPLICATION_NOT_FOUND',
      ],
      ['GET', '/api/applications?page=0', undefined, {}, 400, 'VALIDATION_FAILED'],
      ['GET', '/api/applications?page=abc', undefined, {}, 400, 'VALIDATION_FAILED'],
      ['GET', '/api/no/such/route', undefined, {}, 404, 'ROUTE_NOT_FOUND'],
      ['POST', '/api/session', { mobile: '123', password: 'x' }, {}, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/session', { mobile: '13800138000', password: 12345 }, {}, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/applications/%E0%A4%A/submit', {}, {}, 400, undefined],
    ];
    for (const [method, url, body, headers, status, code] of cases) {
      const r = await c.call(method, url, body, headers);
      expect(r.status, `${method} ${url} ${JSON.stringify(body)?.slice(0, 80)}`).toBe(status);
      expect(r.body.error, `${method} ${url}`).toEqual(
        expect.objectContaining({ code: code ?? expect.any(String), message: expect.any(String) }),
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers 401 to anonymous calls of protected routes', async () => {
    const anon = new TestClient(p.app);
    for (const [method, url] of [
      ['GET', '/api/applications'],
      ['POST', '/api/applications'],
      ['GET', '/api/staff/applications'],
      ['GET', '/api/admin/accounts'],
    ]) {
      const r = await anon.call(method!, url!, method === 'POST' ? {} : undefined);
      expect(r, `${method} ${url}`).toMatchObject({
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED' } },
      });
    }
  });

  it('sends security headers, request ids and no-store on API answers', async () => {
    const r = await borrower.call('GET', '/api/applications');
    expect(r.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(String(r.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the products with their limits', async () => {
    const r = await new TestClient(p.app).call('GET', '/api/products');
    expect(r.body.policyVersion).toBe('2026.1');
    expect(r.body.items.map((i: { code: string }) => i.code)).toEqual([
      'personal-consumer',
      'personal-business',
      'enterprise-working-capital',
      'project-finance',
    ]);
  });

  it('keeps personal data out of the logs', async () => {
    const { buildApp, loggerOptions } = await import('../../src/http/build-app');
    const { Writable } = await import('node:stream');
    const captured: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, cb) => (captured.push(String(chunk)), cb()) });
    // The production log options (redaction, path-only URLs), writing to a stream the test reads.
    const app = await buildApp({
      config: p.config,
      infra: p.infra,
      logger: { ...loggerOptions({ logLevel: 'info' }), stream },
    });
    try {
      const c = new TestClient(app);
      const mobile = uniqueMobile();
      await c.register({ mobile, displayName: '隐私测试' });
      const created = await c.call('POST', '/api/applications', {
        kind: 'individual',
        details: individualDetails({ applicant: { fullName: '隐私测试' } }),
      });
      await c.call(
        'POST',
        `/api/applications/${created.body.id}/documents?kind=other&filename=${encodeURIComponent('隐私测试-身份证.pdf')}`,
        Buffer.from('%PDF-1.4'),
        { 'content-type': 'application/pdf' },
      );
      await c.login(mobile, 'wrong password');
      const all = captured.join('');
      expect(all).toContain('"url":"/api/applications"');
      expect(all).toContain('access denied');
      expect(all).not.toContain(mobile);
      expect(all).not.toContain('隐私测试');
      expect(all).not.toContain(encodeURIComponent('隐私测试'));
      expect(all).not.toContain(individualDetails().applicant.idNumber);
      expect(all).not.toMatch(/mq_session=/);
    } finally {
      await app.close();
    }
  });
});
