import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/accounts/roles';
import { FuzzCaller } from '../support/openapi-fuzz/callers';
import { POLLUTION_KEY, type RawBody } from '../support/openapi-fuzz/cases';
import { operationsOf, type OpenApiDocument, type Operation } from '../support/openapi-fuzz/openapi';
import { runFuzz } from '../support/openapi-fuzz/run-fuzz';
import { individualDetails, pdf, submittedIndividualApplication } from '../support/fixtures';
import { createTestPlatform, dbTargets, TestClient, type TestPlatform } from '../support/test-platform';

/**
 * Bad input never crashes the API (issue item 4; security.md anchor 7: ≥1,000 cases per operation,
 * 0 5xx, 0 undocumented statuses or schema violations). The harness reads the app's own
 * /api/openapi.json and, for every operation in it, sends seeded fast-check cases through
 * app.inject(): valid requests derived from the operation's schemas, and the same requests mutated
 * (wrong types, missing and extra fields, huge and hostile strings, prototype-pollution keys, bad
 * path ids and query strings, broken JSON, wrong content types, empty bodies, deep nesting). Callers
 * are logged in, with a role the route lets in and a fresh step-up, so the cases reach validation and
 * the handlers; path ids are sometimes things the caller really has.
 *
 * Replay: the seed is printed; MIANQIAN_FUZZ_SEED=<seed> runs the same cases. MIANQIAN_FUZZ_CASES
 * changes the count per operation and MIANQIAN_FUZZ_ONLY=<text> keeps the operations whose
 * `METHOD /path` contains the text.
 *
 * Budget: PGlite runs the full count, one request at a time (it answers one at a time anyway).
 * PostgreSQL (when TEST_DATABASE_URL is set) runs a quarter of it with four requests in flight: both at
 * the full count would take far longer than the suite's budget of a few minutes on a two-core
 * machine, and the PostgreSQL run is there to catch what only that driver does (error codes, types),
 * which a quarter of the cases still covers for every operation.
 */

/** Routes the fuzz does not send cases to, and why. Everything else in the document is covered. */
const notFuzzed: Record<string, string> = {
  'GET /api/interviews/:id/signal':
    'WebSocket upgrade for interview signalling: not in the OpenAPI document and not an HTTP request/response; its messages are checked by interview-media tests',
  'GET /api/docs': 'Swagger UI documentation pages (static, hidden from the document)',
  'GET /api/openapi.json': 'the document itself (read by this suite; takes no input)',
};

const seed = Number(process.env.MIANQIAN_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const fullCount = Number(process.env.MIANQIAN_FUZZ_CASES ?? 1000);
const only = process.env.MIANQIAN_FUZZ_ONLY;

/** The suite's figures per database, printed at the end. */
const pngBytes = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const jpegBytes = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

/**
 * Raw-body operations: uploads take the file itself as the body and OCSP takes a DER request, which
 * the document names in prose only (a body schema there would make Fastify validate the bytes).
 */
function rawBodiesFor(op: Operation): RawBody[] {
  if (op.queryParams.some((q) => q.name === 'filename'))
    return [
      { contentType: 'application/pdf', payload: pdf },
      { contentType: 'image/png', payload: pngBytes },
      { contentType: 'image/jpeg', payload: jpegBytes },
    ];
  if (op.key === 'POST /api/pki/ocsp')
    return [{ contentType: 'application/ocsp-request', payload: Buffer.from('3003020100', 'hex') }];
  return [];
}

/** Operations that end or cut sessions come last, so the rest run on settled sessions. */
const endsSessions = (op: Operation) =>
  op.key === 'DELETE /api/session' ||
  op.key.startsWith('DELETE /api/security/sessions') ||
  op.key === 'PUT /api/admin/accounts/{id}/disabled';

describe.each(dbTargets())('bad input against every OpenAPI operation on %s', (target) => {
  let p: TestPlatform;
  let doc: OpenApiDocument;
  const callers = new Map<Role, FuzzCaller>();
  /** Public and any-role routes (sessions, second factors, notifications) use this throwaway borrower. */
  let self: FuzzCaller;
  const casesPerOperation = target === 'pglite' ? fullCount : Math.max(1, Math.ceil(fullCount / 4));
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    const answer = await p.app.inject({ method: 'GET', url: '/api/openapi.json' });
    doc = answer.json();
    for (const role of ['borrower_individual', 'loan_officer', 'risk_officer', 'approver', 'admin'] as const)
      callers.set(role, await FuzzCaller.create(p, role));
    self = await FuzzCaller.create(p, 'borrower_individual');

    // Things that exist: the borrower's submitted and draft applications and a document.
    const borrower = callers.get('borrower_individual')!;
    const submitted = await submittedIndividualApplication(borrower.client);
    if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
    const draft = await borrower.client.call('POST', '/api/applications', {
      kind: 'individual',
      details: individualDetails(),
    });
    const documents = (await borrower.client.call('GET', `/api/applications/${submitted.body.id}`)).body
      .documents as { id: string }[];
    for (const caller of callers.values()) {
      if (caller.role === 'admin') continue;
      caller.remember('id', submitted.body.id, { isPinned: true });
      for (const d of documents) caller.remember('documentId', d.id, { isPinned: true });
    }
    borrower.remember('id', draft.body.id, { isPinned: true });
    // An account the admin may disable without cutting off a fuzz caller.
    const bystander = new TestClient(p.app);
    await bystander.register();
    callers.get('admin')!.remember('id', bystander.accountId!, { isPinned: true });
    await p.app.ledgerIntegrator?.tick();
    for (const caller of [...callers.values(), self]) {
      caller.remember('index', '0');
      caller.remember('size', '1');
      caller.remember('page', '1');
      caller.remember('code', 'repayment_debit_authorisation');
    }
  }, 120_000);
  afterAll(() => p?.close());

  it('answers every case with a documented status, a schema-valid body and never a 5xx', async () => {
    const routeAccess = new Map(p.app.routeTable.map((r) => [`${r.method} ${r.url}`, r.access]));
    const all = operationsOf(doc);
    const documented = new Set(all.map((op) => `${op.method} ${op.routeUrl}`));
    // Every API route is either fuzzed (it is in the document) or listed above with its reason.
    const missing = p.app.routeTable
      .filter(
        (r) => r.method !== 'HEAD' && r.url.startsWith('/api/') && !documented.has(`${r.method} ${r.url}`),
      )
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !Object.keys(notFuzzed).some((skip) => k === skip || k.startsWith(`${skip}/`)));
    expect(missing, 'API routes neither in the OpenAPI document nor listed as not fuzzed').toEqual([]);

    const operations = all
      .filter((op) => !only || op.key.includes(only))
      .sort((a, b) => Number(endsSessions(a)) - Number(endsSessions(b)));
    const callerFor = (op: Operation): FuzzCaller => {
      const access = routeAccess.get(`${op.method} ${op.routeUrl}`);
      if (!Array.isArray(access)) return self; // public, 'authenticated', or a wildcard route
      const role = (access as Role[]).find((r) => callers.has(r));
      if (!role) throw new Error(`${op.key}: no fuzz caller for ${access.join(', ')}`);
      return callers.get(role)!;
    };

    console.log(
      `bad-input[${target}]: seed ${seed} (replay: MIANQIAN_FUZZ_SEED=${seed}), ${operations.length} operations × ${casesPerOperation} cases`,
    );
    const { figures, groups } = await runFuzz({
      app: p.app,
      operations,
      allOperations: all,
      casesPerOperation,
      seed,
      callerFor,
      // Admin listings name other callers' accounts; ids from there would let the admin disable them.
      harvestsFrom: (op) => !op.path.startsWith('/api/admin/'),
      rawBodiesFor,
      concurrency: target === 'postgres' ? 4 : 1,
    });
    const recoveries = [...callers.values(), self].reduce((n, c) => n + c.renewals, 0);
    console.log(
      `bad-input[${target}]: ${figures.operations} operations × ${casesPerOperation} cases = ${figures.cases} cases in ${(figures.ms / 1000).toFixed(1)} s; ` +
        `${figures.fiveHundreds} 5xx, ${figures.violations} violations; statuses ${JSON.stringify(figures.statuses)}; ` +
        `families ${JSON.stringify(figures.families)}; caller recoveries ${recoveries}; ` +
        `generation ${(figures.generationMs / 1000).toFixed(1)} s; slowest ${JSON.stringify(figures.slowest)}`,
    );
    console.log(`bad-input[${target}]: milliseconds by family ${JSON.stringify(figures.familyMs)}`);
    const report = groups
      .slice(0, 80)
      .map(
        ({ signature, count, example: v }) =>
          `${count} × ${signature}\n    e.g. #${v.caseIndex} (${v.family}) ${v.problems.join('; ').slice(0, 300)}\n    ${v.request}\n    ${v.answer}`,
      )
      .join('\n');
    expect(figures.cases).toBe(operations.length * casesPerOperation);
    expect(figures.fiveHundreds, `seed ${seed}\n${report}`).toBe(0);
    expect(figures.violations, `seed ${seed}\n${report}`).toBe(0);
    // About four minutes on an idle two-core machine; the limit leaves room for a busy one.
  }, 1_800_000);

  it('let no prototype pollution through', () => {
    expect(({} as Record<string, unknown>)[POLLUTION_KEY]).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain(POLLUTION_KEY);
    expect(Object.getOwnPropertyNames(Function.prototype)).not.toContain(POLLUTION_KEY);
  });
});
