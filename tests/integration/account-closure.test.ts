import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { idNumberFor, submittedIndividualApplication } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';

const PASSWORD = 'a long enough passphrase';

describe.each(dbTargets())('account closure on %s', (target) => {
  let p: TestPlatform;
  const db = () => p.infra.database.db;
  beforeAll(async () => {
    p = await createTestPlatform({ target });
  });
  afterAll(() => p?.close());

  it('refuses while an application is open; with the password it erases the account and ends its sessions', async () => {
    const mobile = uniqueMobile();
    const name = '柯注销';
    const idNumber = idNumberFor('19880512', '417');
    const c = new TestClient(p.app);
    expect((await c.register({ mobile, displayName: name })).status).toBe(201);
    const other = new TestClient(p.app);
    expect((await other.login(mobile, PASSWORD)).status).toBe(200);
    // An identity verification on the account: name and ID number checked by the authority.
    expect((await c.call('POST', '/api/identity/dev/registry', { name, idNumber })).status).toBe(201);
    expect((await c.consent('personal_information')).status).toBe(201);
    const started = await c.call('POST', '/api/identity/verification', { name, idNumber });
    expect(started.body.verification.status).toBe('authority_passed');
    const applied = await submittedIndividualApplication(c, {
      applicant: { fullName: name, idNumber, mobile },
    });
    expect(applied.status).toBe(200);

    const wrong = await c.call('POST', '/api/account/closure', { password: 'not my password' });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'CURRENT_PASSWORD_WRONG']);
    const open = await c.call('POST', '/api/account/closure', { password: PASSWORD });
    expect([open.status, open.body.error.code]).toEqual([409, 'ACCOUNT_HAS_OPEN_MATTERS']);
    expect(open.body.error.details).toEqual({ applications: [applied.body.reference], guarantees: [] });

    expect(
      (await c.call('POST', `/api/applications/${applied.body.id}/withdraw`, { reason: '不再需要' })).status,
    ).toBe(200);
    const closed = await c.call('POST', '/api/account/closure', { password: PASSWORD });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(String(closed.headers['set-cookie'])).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);

    // Every session is gone, the password no longer opens it, and the number may register anew.
    expect((await c.call('GET', '/api/session')).status).toBe(401);
    expect((await other.call('GET', '/api/session')).status).toBe(401);
    expect((await new TestClient(p.app).login(mobile, PASSWORD)).status).toBe(401);
    const again = new TestClient(p.app);
    expect((await again.register({ mobile, displayName: '新用户' })).status).toBe(201);
    expect(again.accountId).not.toBe(c.accountId);

    // The rows stay, emptied; consents stay as proof; the closed application keeps its own retention.
    const account = await db()
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', c.accountId!)
      .executeTakeFirstOrThrow();
    expect(account.closed_at).not.toBeNull();
    expect(account.disabled_at).not.toBeNull();
    expect(p.infra.cipher.decrypt(account.mobile_enc)).toBe('');
    expect(p.infra.cipher.decrypt(account.display_name_enc)).toBe('');
    expect(account.mobile_masked).toBe('');
    const verifications = await db()
      .selectFrom('identity_verifications')
      .selectAll()
      .where('account_id', '=', c.accountId!)
      .execute();
    expect(verifications).toHaveLength(1);
    expect(p.infra.cipher.decrypt(verifications[0]!.name_enc)).toBe('');
    expect(p.infra.cipher.decrypt(verifications[0]!.id_number_enc)).toBe('');
    const consents = await db()
      .selectFrom('consents')
      .select('kind')
      .where('account_id', '=', c.accountId!)
      .execute();
    expect(consents.map((x) => x.kind)).toContain('personal_information');
    expect(
      (
        await db()
          .selectFrom('applications')
          .select('status')
          .where('id', '=', applied.body.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('withdrawn');

    // An administrator cannot bring a closed account back.
    const adminMobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile: adminMobile, password: 'admin passphrase 2026', displayName: '管理员', role: 'admin' },
    });
    const admin = new TestClient(p.app);
    await admin.login(adminMobile, 'admin passphrase 2026');
    const revived = await admin.call('PUT', `/api/admin/accounts/${c.accountId}/disabled`, {
      isDisabled: false,
    });
    expect(revived.status).toBeGreaterThanOrEqual(400);
    expect(revived.status).toBeLessThan(500);
    const still = await db()
      .selectFrom('accounts')
      .select(['disabled_at', 'closed_at'])
      .where('id', '=', c.accountId!)
      .executeTakeFirstOrThrow();
    expect(still.disabled_at).not.toBeNull();
  });

  it('is for borrowers: staff are disabled by an administrator', async () => {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'officer passphrase 2026', displayName: '客户经理', role: 'loan_officer' },
    });
    const officer = new TestClient(p.app);
    await officer.login(mobile, 'officer passphrase 2026');
    expect(
      (await officer.call('POST', '/api/account/closure', { password: 'officer passphrase 2026' })).status,
    ).toBe(403);
  });
});
