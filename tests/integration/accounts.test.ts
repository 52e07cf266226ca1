import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { creditCodeFor } from '../support/fixtures';

describe.each(dbTargets())('accounts and sessions on %s', (target) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await createTestPlatform({ target, overrides: { lockoutThreshold: 3 } });
  });
  afterAll(() => p.close());

  it('registers a borrower, sets a __Host- HttpOnly SameSite cookie and restores the session', async () => {
    const c = new TestClient(p.app);
    const r = await c.register({ displayName: '王小明' });
    expect(r.status).toBe(201);
    expect(r.body.account).toMatchObject({ role: 'borrower_individual', displayName: '王小明' });
    expect(r.body.account.mobileMasked).toMatch(/^13\d\*{4}\d{4}$/);
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-mq_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');
    const me = await c.call('GET', '/api/session');
    expect(me.status).toBe(200);
    expect(me.body.account.id).toBe(r.body.account.id);
  });

  it('refuses a second account for the same number, weak passwords and bad enterprise codes', async () => {
    const mobile = uniqueMobile();
    expect((await new TestClient(p.app).register({ mobile })).status).toBe(201);
    const again = await new TestClient(p.app).register({ mobile: `+86${mobile}` });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ACCOUNT_EXISTS');
    const weak = await new TestClient(p.app).register({ password: 'password123' });
    expect(weak).toMatchObject({ status: 422, body: { error: { code: 'WEAK_PASSWORD' } } });
    const enterprise = await new TestClient(p.app).register({
      role: 'borrower_enterprise',
      enterprise: { companyName: '某公司', creditCode: '91310000MA1K000010', actingAs: 'authorised_agent' },
    });
    expect(enterprise).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const ok = await new TestClient(p.app).register({
      role: 'borrower_enterprise',
      enterprise: { companyName: '某公司', creditCode: creditCodeFor(), actingAs: 'authorised_agent' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.account.companyName).toBe('某公司');
  });

  it('cannot register staff roles by itself', async () => {
    const r = await new TestClient(p.app).register({ role: 'approver' });
    expect(r.status).toBe(400);
  });

  it('logs in with a new token each time and logs out for good', async () => {
    const mobile = uniqueMobile();
    const first = new TestClient(p.app);
    await first.register({ mobile });
    const oldCookie = first.cookie;
    const second = new TestClient(p.app);
    const login = await second.login(mobile, 'a long enough passphrase');
    expect(login.status).toBe(200);
    expect(second.cookie).not.toBe(oldCookie);
    const out = await second.call('DELETE', '/api/session');
    expect(out.status).toBe(200);
    const reuse = new TestClient(p.app);
    reuse.cookie = login.headers['set-cookie']!.toString().split(';')[0];
    expect((await reuse.call('GET', '/api/session')).status).toBe(401);
    // The other session is unaffected.
    expect((await first.call('GET', '/api/session')).status).toBe(200);
  });

  it('gives the same answer for an unknown number and a wrong password, and locks after repeated failures', async () => {
    const mobile = uniqueMobile();
    await new TestClient(p.app).register({ mobile });
    const c = new TestClient(p.app);
    const unknown = await c.login(uniqueMobile(), 'whatever-password');
    const wrong = await c.login(mobile, 'wrong password!');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    await c.login(mobile, 'wrong password!');
    await c.login(mobile, 'wrong password!'); // third failure: locked (threshold 3 here)
    const locked = await c.login(mobile, 'a long enough passphrase');
    expect(locked.status).toBe(423);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    p.advanceClock(16 * 60_000);
    expect((await c.login(mobile, 'a long enough passphrase')).status).toBe(200);
  });

  it('requires the CSRF token on state changes and refuses cross-site logins', async () => {
    const c = new TestClient(p.app);
    await c.register();
    const token = c.csrf;
    c.csrf = undefined;
    expect((await c.call('DELETE', '/api/session')).body.error.code).toBe('CSRF_TOKEN_INVALID');
    c.csrf = 'x'.repeat(43);
    expect((await c.call('DELETE', '/api/session')).status).toBe(403);
    c.csrf = token;
    expect((await c.call('DELETE', '/api/session')).status).toBe(200);
    const crossSite = await new TestClient(p.app).call(
      'POST',
      '/api/session',
      { mobile: uniqueMobile(), password: 'x' },
      { 'sec-fetch-site': 'cross-site' },
    );
    expect(crossSite).toMatchObject({ status: 403, body: { error: { code: 'CSRF_TOKEN_INVALID' } } });
  });

  it('expires idle sessions', async () => {
    const c = new TestClient(p.app);
    await c.register();
    p.advanceClock(31 * 60_000);
    expect((await c.call('GET', '/api/session')).status).toBe(401);
  });

  it('lets an admin create staff and disable accounts, ending their sessions', async () => {
    const adminMobile = uniqueMobile();
    const { createStaffAccount } = await import('../../src/features/accounts/create-staff-account');
    await createStaffAccount({
      deps: p.infra,
      input: { mobile: adminMobile, password: 'admin passphrase 1', displayName: '管理员', role: 'admin' },
    });
    const admin = new TestClient(p.app);
    expect((await admin.login(adminMobile, 'admin passphrase 1')).status).toBe(200);
    const officerMobile = uniqueMobile();
    const created = await admin.call('POST', '/api/admin/accounts', {
      mobile: officerMobile,
      password: 'officer passphrase',
      displayName: '客户经理',
      role: 'loan_officer',
    });
    expect(created.status).toBe(201);
    const officer = new TestClient(p.app);
    expect((await officer.login(officerMobile, 'officer passphrase')).body.account.role).toBe('loan_officer');
    const borrower = new TestClient(p.app);
    await borrower.register();
    expect((await borrower.call('GET', '/api/admin/accounts')).status).toBe(403);
    const disabled = await admin.call('PUT', `/api/admin/accounts/${created.body.id}/disabled`, {
      isDisabled: true,
    });
    expect(disabled.body.isDisabled).toBe(true);
    expect((await officer.call('GET', '/api/session')).status).toBe(401);
    expect((await new TestClient(p.app).login(officerMobile, 'officer passphrase')).body.error.code).toBe(
      'ACCOUNT_DISABLED',
    );
  });

  it('throttles logins per client address', async () => {
    const q = await createTestPlatform({ target: 'pglite', overrides: { loginAttemptsPerIpPerMinute: 3 } });
    try {
      const c = new TestClient(q.app);
      const codes = [];
      for (let i = 0; i < 5; i++) codes.push((await c.login(uniqueMobile(), 'some password')).status);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await q.close();
    }
  });
});
