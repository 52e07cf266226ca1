import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/cli/seed-demo';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { purgePersonalData } from '../../src/features/privacy/purge-personal-data';
import { legalHoldsOf } from '../../src/http/compose-interview-media';
import { composePrivacyDeps } from '../../src/http/compose-privacy';
import { contractJourney, demo } from '../support/contract-journey';
import {
  createTestPlatform,
  dbTargets,
  uniqueMobile,
  type TestClient,
  type TestPlatform,
} from '../support/test-platform';

const DAY_MS = 86_400_000;

describe.each(dbTargets())('legal holds on %s', (target) => {
  let p: TestPlatform;
  let risk: TestClient;
  let admin: TestClient;
  let secondAdmin: TestClient;
  let officer: TestClient;
  let borrower: TestClient;
  let withdrawnId: string;
  let rejectedId: string;
  const journey = contractJourney(() => p);
  const db = () => p.infra.database.db;
  const url = (id: string, rest = '') => `/api/staff/applications/${id}/legal-holds${rest}`;
  const byStatus = async (status: string) =>
    (
      await db()
        .selectFrom('applications')
        .select('id')
        .where('status', '=', status)
        .executeTakeFirstOrThrow()
    ).id;
  const purgeLater = () =>
    purgePersonalData({
      deps: composePrivacyDeps({
        infra: p.infra,
        config: p.config,
        clock: () => new Date(Date.now() + (p.config.closedApplicationRetentionDays + 1) * DAY_MS),
      }),
    });
  const isErased = async (id: string) =>
    (
      await db()
        .selectFrom('applications')
        .select('personal_data_erased_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).personal_data_erased_at !== null;
  const holdLeaves = async (id: string) => {
    const entries = await officer.call('GET', `/api/ledger/applications/${id}/entries`);
    expect(entries.status).toBe(200);
    return (entries.body.entries as { type: string }[]).filter((e) => e.type === 'legal.hold').length;
  };

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    await seedDemo({ infra: p.infra, config: p.config });
    withdrawnId = await byStatus('withdrawn');
    rejectedId = await byStatus('rejected');
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'second admin pass 2026', displayName: '第二管理员', role: 'admin' },
    });
    risk = await journey.logInSteppedUp(demo('risk_officer').mobile, demo('risk_officer').password);
    admin = await journey.logInSteppedUp(demo('admin').mobile, demo('admin').password);
    secondAdmin = await journey.logInSteppedUp(mobile, 'second admin pass 2026');
    officer = await journey.logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    borrower = await journey.logIn(demo('borrower_individual').mobile, demo('borrower_individual').password);
  }, 120_000);
  afterAll(() => p?.close());

  it('keeps a held application’s personal data past its retention; released by another administrator, it goes', async () => {
    const reason = '客户投诉（编号 TS-2026-0415），保全面签证据';
    // Only risk officers and administrators place holds; caseworkers read them; borrowers do not.
    expect((await officer.call('POST', url(withdrawnId), { reason })).status).toBe(403);
    expect((await borrower.call('GET', url(withdrawnId))).status).toBe(403);
    expect((await risk.call('POST', url(withdrawnId), { reason: 'x' })).status).toBe(400);
    const placed = await risk.call('POST', url(withdrawnId), { reason });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    expect(placed.body).toMatchObject({
      applicationId: withdrawnId,
      reason,
      placedBy: { accountId: risk.accountId, role: 'risk_officer' },
      released: null,
    });
    const again = await admin.call('POST', url(withdrawnId), { reason: '重复保全' });
    expect([again.status, again.body.error.code]).toEqual([409, 'LEGAL_HOLD_IN_FORCE']);
    const list = await officer.call('GET', url(withdrawnId));
    expect(list.status).toBe(200);
    expect(list.body.isHeld).toBe(true);
    expect(list.body.items).toHaveLength(1);
    expect(await legalHoldsOf(p.infra)(withdrawnId)).toBe(true);

    // The retention job, run past the retention period, erases the other closed application but not this one.
    const purged = await purgeLater();
    expect(purged.applications).toContain(rejectedId);
    expect(purged.applications).not.toContain(withdrawnId);
    expect(await isErased(withdrawnId)).toBe(false);

    // Released, with a reason, by a risk officer or an administrator other than the one who placed it.
    expect((await officer.call('POST', url(withdrawnId, '/release'), { reason: '投诉已结案' })).status).toBe(
      403,
    );
    const own = await risk.call('POST', url(withdrawnId, '/release'), { reason: '投诉已结案' });
    expect([own.status, own.body.error.code]).toEqual([403, 'LEGAL_HOLD_FOUR_EYES']);
    const released = await admin.call('POST', url(withdrawnId, '/release'), {
      reason: '投诉已结案，解除保全',
    });
    expect(released.status, JSON.stringify(released.body)).toBe(200);
    expect(released.body.released).toMatchObject({ by: { accountId: admin.accountId, role: 'admin' } });
    const twice = await secondAdmin.call('POST', url(withdrawnId, '/release'), { reason: '再次解除' });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'LEGAL_HOLD_NOT_IN_FORCE']);
    expect((await officer.call('GET', url(withdrawnId))).body.isHeld).toBe(false);
    expect(await legalHoldsOf(p.infra)(withdrawnId)).toBe(false);

    // Now the job erases it; both steps are on the ledger; the reason is encrypted at rest.
    expect((await purgeLater()).applications).toContain(withdrawnId);
    expect(await isErased(withdrawnId)).toBe(true);
    expect(await holdLeaves(withdrawnId)).toBe(2);
    const raw = JSON.stringify(await db().selectFrom('legal_holds').selectAll().execute());
    expect(raw).not.toContain('TS-2026-0415');
  });

  it('needs someone else to release a hold an administrator placed', async () => {
    const id = await p.infra.database.db
      .selectFrom('applications')
      .select('id')
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    expect((await admin.call('POST', url(id.id), { reason: '监管问询，保全全部材料' })).status).toBe(201);
    const self = await admin.call('POST', url(id.id, '/release'), { reason: '问询结束' });
    expect([self.status, self.body.error.code]).toEqual([403, 'LEGAL_HOLD_FOUR_EYES']);
    expect((await secondAdmin.call('POST', url(id.id, '/release'), { reason: '问询结束' })).status).toBe(200);
    // A hold can be placed again after a release; the history keeps both.
    expect((await risk.call('POST', url(id.id), { reason: '再次保全：诉讼' })).status).toBe(201);
    const list = await officer.call('GET', url(id.id));
    expect(list.body.items.map((h: { released: unknown }) => h.released === null)).toEqual([true, false]);
    const missing = await risk.call('POST', url('00000000-0000-4000-8000-000000000000'), {
      reason: '不存在',
    });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'APPLICATION_NOT_FOUND']);
  });
});
