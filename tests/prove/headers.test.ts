import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { buildAccessWorld, paramValue, type AccessWorld } from '../support/access-world';
import { demo } from '../support/contract-journey';
import { TestClient } from '../support/test-platform';

/**
 * Response headers over every route (ASVS 3.4.x, 14.3.2, 3.5.1) in the production configuration:
 * every API route called by a role it names (with real ids: a signed loan, its documents and
 * conditions, an interview…) and anonymously, the web app's HTML, static files and single-page
 * fallback, the public ledger and the API docs. Each answer must carry HSTS of at least a year with
 * subdomains, a CSP whose scripts allow neither inline code nor eval and which forbids framing, nosniff,
 * a charset on text, and `Cache-Control: no-store` on every /api answer except the public ones listed
 * below (certificates, revocation, the published ledger: no personal data by construction).
 */

/** /api routes that are public and carry no personal data, so caches may keep them. */
const cacheableApi = [
  /^\/api\/pki\//,
  /^\/api\/docs(\/|$)/,
  /^\/api\/ledger\/checkpoints\//,
  /^\/api\/ledger\/proofs\//,
  /^\/api\/openapi\.json$/,
  /^\/api\/health$/,
  /^\/api\/products$/,
];

/** The web build, or a small stand-in with the same shape when it has not been built here. */
function webDist(): { dir: string; assets: string[]; cleanup: () => void } {
  const built = resolve('web/dist');
  if (existsSync(join(built, 'index.html'))) return { dir: built, assets: [], cleanup: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'mq-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html><head><script type="module" src="/assets/index.js"></script>' +
      '<link rel="stylesheet" href="/assets/index.css"></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets/index.js'), 'console.log("面签")');
  writeFileSync(join(dir, 'assets/index.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return {
    dir,
    assets: ['/assets/index.js', '/assets/index.css', '/favicon.svg'],
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The directives of a CSP header. */
const directives = (csp: string) =>
  new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );

/** What is wrong with one answer's headers (empty when nothing is). */
function problems(path: string, res: LightMyRequestResponse): string[] {
  const out: string[] = [];
  const h = res.headers;
  const hsts = String(h['strict-transport-security'] ?? '');
  const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0);
  if (maxAge < 31_536_000 || !/includeSubDomains/i.test(hsts)) out.push(`HSTS "${hsts}"`);
  const csp = String(h['content-security-policy'] ?? '');
  const d = directives(csp);
  const scripts = d.get('script-src') ?? d.get('default-src');
  if (!scripts) out.push('CSP without script-src or default-src');
  else if (scripts.some((v) => ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:'].includes(v)))
    out.push(`CSP script-src ${scripts.join(' ')}`);
  const frames = d.get('frame-ancestors');
  if (!frames || !(frames.join(' ') === "'none'" || frames.join(' ') === "'self'"))
    out.push(`CSP frame-ancestors ${frames?.join(' ') ?? 'missing'}`);
  if (h['x-content-type-options'] !== 'nosniff') out.push('no nosniff');
  const type = String(h['content-type'] ?? '');
  if (/^(text\/|application\/(json|javascript))/.test(type) && !/charset=/i.test(type))
    out.push(`Content-Type "${type}" without charset`);
  if (
    path.startsWith('/api/') &&
    !cacheableApi.some((re) => re.test(path)) &&
    h['cache-control'] !== 'no-store'
  )
    out.push(`Cache-Control "${String(h['cache-control'])}"`);
  return out;
}

describe('headers on every route', () => {
  let w: AccessWorld;
  let web: ReturnType<typeof webDist>;
  const clients = new Map<string, TestClient>();

  beforeAll(async () => {
    web = webDist();
    w = await buildAccessWorld('pglite', { webDistDir: web.dir });
    expect(w.platform.config.cookieSecure).toBe(true);
    // A person of each role, each with a fresh second factor where they have one (step-up routes).
    const logIn = async (mobile: string, password: string) => {
      const c = new TestClient(w.app);
      const r = await c.login(mobile, password);
      return r.body.secondFactorRequired ? w.journey.logInWithSecondFactor(mobile, password) : c;
    };
    const b = contractJourneyAccounts.borrower;
    clients.set('borrower_individual', await logIn(b.mobile, b.password));
    clients.set(
      'borrower_enterprise',
      await logIn(demo('borrower_enterprise').mobile, demo('borrower_enterprise').password),
    );
    for (const role of ['loan_officer', 'risk_officer', 'approver', 'admin'])
      clients.set(role, await logIn(demo(role).mobile, demo(role).password));
  });
  afterAll(async () => {
    await w?.platform.close();
    web?.cleanup();
  });

  it('carries HSTS, a strict CSP, nosniff, charsets and no-store everywhere it must', async () => {
    const t0 = Date.now();
    const failures = new Map<string, string[]>();
    let answers = 0;
    const statuses = new Map<number, number>();
    const check = (label: string, path: string, res: LightMyRequestResponse) => {
      answers++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const found = problems(path, res);
      if (found.length > 0) failures.set(label, found);
    };
    const routes = w.app.routeTable.filter((r) => r.method !== 'HEAD');
    let routesCalled = 0;
    let apiCalled = 0;
    for (const r of routes) {
      if (r.url.includes('*')) continue; // wildcard routes: called below with real paths
      if (r.url === '/api/interviews/:id/signal') continue; // a WebSocket: no HTTP answer to check
      const path = r.url.replace(/:([A-Za-z]+)/g, (_, name: string) => paramValue(w.owned, r.url, name));
      // Static files of the web build are routes without a declaration: public, like the build.
      const access = r.access as 'public' | 'authenticated' | string[] | undefined;
      const role =
        access === 'public' || access === undefined
          ? undefined
          : access === 'authenticated'
            ? 'borrower_individual'
            : access[0]!;
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      routesCalled++;
      if (r.url.startsWith('/api/')) apiCalled++;
      const anonymous = await new TestClient(w.app).call(r.method, path, body);
      check(`anonymous ${r.method} ${r.url}`, path, anonymous.raw);
      if (role && r.url !== '/api/session') {
        const named = await clients.get(role)!.call(r.method, path, body);
        check(`${role} ${r.method} ${r.url}`, path, named.raw);
      }
    }
    // The web app, static files, the single-page fallback, the public ledger, the docs, unknown paths.
    const extra = [
      '/',
      '/index.html',
      '/applications/123',
      '/staff/queue',
      ...web.assets,
      '/ledger/checkpoint',
      '/ledger/vkey',
      '/ledger/tile/0/000',
      '/api/docs',
      '/api/docs/static/index.html',
      '/api/docs/static/swagger-initializer.js',
      '/api/docs/json',
      '/api/pki/root.crt',
      '/api/pki/ocsp/MA==',
      '/api/no-such-endpoint',
      '/no-such-file.js',
    ];
    for (const path of extra) {
      const res = await w.app.inject({ method: 'GET', url: path });
      check(`GET ${path}`, path, res);
    }
    const html = await w.app.inject({ method: 'GET', url: '/' });
    expect(html.statusCode).toBe(200);
    expect(String(html.headers['content-type'])).toMatch(/^text\/html/);
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    console.log(
      `headers: ${routesCalled} routes (${apiCalled} API, the rest web; anonymous and a named role) + ${extra.length} web/static/docs paths = ` +
        `${answers} answers (${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}), ` +
        `${failures.size} with missing or weak headers (${seconds} s)`,
    );
    expect(Object.fromEntries(failures)).toEqual({});
  });
});
