import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/core/accounts/roles';
import { borrowerRoles, staffRoles } from '../../src/core/accounts/roles';

const roles: readonly Role[] = [...borrowerRoles, ...staffRoles];
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { createTestPlatform, TestClient, uniqueMobile, type TestPlatform } from '../support/test-platform';
import { creditCodeFor, submittedIndividualApplication, uploadPdf } from '../support/fixtures';

/**
 * Authorisation everywhere, generated from the route table: every API route is called anonymously,
 * as every role, and (for routes that name a resource) as another borrower with the first borrower's
 * ids. A route added tomorrow is covered without touching this file — unless it names a resource
 * this file does not know yet, which fails the test until someone says what that id is.
 */
describe('authorisation of every route', () => {
  let p: TestPlatform;
  const as: Partial<Record<Role, TestClient>> = {};
  const owned: Record<string, string> = {};
  let ownerApplicationVersion: number;
  let ownerStatus: string;
  let ownerDocuments: number;

  beforeAll(async () => {
    p = await createTestPlatform({ target: 'pglite' });
    for (const role of roles) {
      const c = new TestClient(p.app);
      if (role === 'borrower_individual' || role === 'borrower_enterprise') {
        const r = await c.register(
          role === 'borrower_enterprise'
            ? {
                role,
                displayName: '赵六',
                enterprise: {
                  companyName: '某某科技有限公司',
                  creditCode: creditCodeFor(),
                  actingAs: 'legal_representative',
                },
              }
            : { role },
        );
        if (r.status !== 201) throw new Error(`register ${role}: ${JSON.stringify(r.body)}`);
      } else {
        const mobile = uniqueMobile();
        await createStaffAccount({
          deps: p.infra,
          input: { mobile, password: 'staff passphrase 2026', displayName: role, role },
        });
        await c.login(mobile, 'staff passphrase 2026');
      }
      as[role] = c;
    }

    // The first borrower's resources, whose ids the others try.
    const owner = new TestClient(p.app);
    await owner.register();
    const submitted = await submittedIndividualApplication(owner);
    owned.applicationId = submitted.body.id;
    ownerApplicationVersion = submitted.body.version;
    const doc = await uploadPdf(owner, submitted.body.id, 'other');
    owned.documentId =
      doc.body.id ?? (await owner.call('GET', `/api/applications/${submitted.body.id}`)).body.documents[0].id;
    owned.accountId = owner.accountId!;
    ownerStatus = submitted.body.status;
    ownerDocuments = (await p.infra.applications.documents(submitted.body.id)).length;
    await p.app.ledgerIntegrator?.tick();
    const entries = await owner.call('GET', `/api/ledger/applications/${submitted.body.id}/entries`);
    owned.ledgerIndex = String(entries.body.entries?.[0]?.index ?? 0);
  }, 60_000);
  afterAll(() => p.close());

  /** What each path parameter names, per route; a route naming something unknown fails below. */
  const paramValue = (url: string, param: string): string | undefined => {
    if (url.startsWith('/api/admin/accounts/') && param === 'id') return owned.accountId;
    if (param === 'id' || param === 'applicationId') return owned.applicationId;
    if (param === 'documentId') return owned.documentId;
    if (param === 'index') return owned.ledgerIndex;
    if (param === 'size') return '1';
    // A contract page (the contract ids tried are application ids: contracts.test.ts tries real ones).
    if (param === 'page') return '1';
    // A condition precedent (conditions.test.ts tries them all).
    if (param === 'code') return 'repayment_debit_authorisation';
    // A guarantor invitation (guarantors.test.ts tries real ones).
    if (param === 'invitationId') return owned.applicationId;
    // A collateral item (collateral.test.ts tries real ones).
    if (param === 'collateralId') return owned.applicationId;
    return undefined;
  };
  const concrete = (url: string) =>
    url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const v = paramValue(url, name);
      if (v === undefined) throw new Error(`${url}: say in authorization.test.ts what :${name} names`);
      return v;
    });

  /** Every API route; logging out (which ends the caller's session) comes last. */
  const apiRoutes = () =>
    p.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD')
      .sort((a, b) => Number(isLogout(a)) - Number(isLogout(b)));
  const isLogout = (r: { method: string; url: string }) => r.method === 'DELETE' && r.url === '/api/session';
  const bodyFor = (method: string) => (method === 'GET' || method === 'DELETE' ? undefined : {});

  it('refuses anonymous callers on every non-public route with 401', async () => {
    const failures: string[] = [];
    for (const r of apiRoutes().filter((r) => r.access !== 'public')) {
      const res = await new TestClient(p.app).call(r.method, concrete(r.url), bodyFor(r.method));
      if (res.status !== 401 || res.body?.error?.code !== 'UNAUTHENTICATED')
        failures.push(`${r.method} ${r.url} → ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses every role a route does not name with 403, and lets the named ones past the role check', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of apiRoutes().filter((r) => r.access !== 'public')) {
      for (const role of roles) {
        const allowed = r.access === 'authenticated' || (r.access as readonly string[]).includes(role);
        const res = await as[role]!.call(r.method, concrete(r.url), bodyFor(r.method));
        const code = res.body?.error?.code;
        checked++;
        if (!allowed && (res.status !== 403 || code !== 'FORBIDDEN'))
          failures.push(`${role} ${r.method} ${r.url} → ${res.status} ${code}: should be refused`);
        if (allowed && (res.status === 401 || code === 'FORBIDDEN'))
          failures.push(`${role} ${r.method} ${r.url} → ${res.status} ${code}: should pass the role check`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it("never shows or changes one borrower's resources to another borrower", async () => {
    const failures: string[] = [];
    let checked = 0;
    // Fresh sessions: the role sweep above ended with every role logging out.
    const intruders = { other_borrower: new TestClient(p.app), enterprise_borrower: new TestClient(p.app) };
    await intruders.other_borrower.register();
    await intruders.enterprise_borrower.register({
      role: 'borrower_enterprise',
      displayName: '钱七',
      enterprise: {
        companyName: '另一家有限公司',
        creditCode: creditCodeFor('91310000MA1K00002'),
        actingAs: 'authorised_agent',
      },
    });
    for (const r of apiRoutes().filter(
      (r) =>
        r.access !== 'public' &&
        /:[A-Za-z]/.test(r.url) &&
        (r.access === 'authenticated' ||
          (r.access as readonly string[]).some((x) => x.startsWith('borrower'))),
    ))
      for (const [who, client] of Object.entries(intruders)) {
        const res = await client.call(r.method, concrete(r.url), bodyFor(r.method));
        checked++;
        // 404: it does not exist for them; 403: not theirs; 400: the empty body was refused before
        // anything was looked up (and the state check below proves nothing changed).
        if (res.status < 400 || res.status >= 500 || ![400, 403, 404].includes(res.status))
          failures.push(`${who} ${r.method} ${r.url} → ${res.status}`);
        if (r.method === 'GET' && ![403, 404].includes(res.status))
          failures.push(`${who} ${r.method} ${r.url} → ${res.status}: a read must be 403/404`);
      }
    expect(checked).toBeGreaterThan(5);
    expect(failures).toEqual([]);
    // The owner's application is as it was (read from the store: every test client has logged out).
    const mine = await p.infra.applications.findById(owned.applicationId!);
    expect(mine?.version).toBe(ownerApplicationVersion);
    expect(mine?.status).toBe(ownerStatus);
    expect(await p.infra.applications.documents(owned.applicationId!)).toHaveLength(ownerDocuments);
  });
});
