import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../src/contracts/guarantors.schema';
import * as core from '../../src/core/guarantors/guarantor-status';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { createApplication } from '../../src/features/applications/create-application';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import { idNumberFor, individualDetails } from '../support/fixtures';
import { verifyByOfficerVideo } from '../support/officer-video-identity';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { storeRiskAssessment } from '../support/risk-fixtures';
import { moveForSetUp } from '../support/application-set-up';

it('the API lists the same guarantor statuses and relationships as core', () => {
  expect([...api.guarantorStatuses]).toEqual([...core.guarantorStatuses]);
  expect([...api.guarantorRelationships]).toEqual([...core.guarantorRelationships]);
});

describe.each(dbTargets())('guarantors on %s', (target) => {
  let p: TestPlatform;
  let officer: TestClient;
  let interviewer: TestClient;
  let approver: TestClient;
  let borrower: TestClient;
  let otherBorrower: TestClient;
  const people: Record<string, { client: TestClient; mobile: string; name: string }> = {};

  async function enrolTotp(c: TestClient) {
    const enrolment = await c.call('POST', '/api/security/totp/enrolment');
    const confirmed = await c.call('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret: base32Decode(enrolment.body.secret)!, at: new Date() }),
    });
    expect(confirmed.status).toBe(200);
  }

  async function staffMember(name: string, role: 'loan_officer' | 'approver'): Promise<TestClient> {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: name, role },
    });
    const c = new TestClient(p.app);
    expect((await c.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    await enrolTotp(c);
    return c;
  }

  async function person(key: string, name: string) {
    const client = new TestClient(p.app);
    const mobile = uniqueMobile();
    expect((await client.register({ mobile, displayName: name })).status).toBe(201);
    people[key] = { client, mobile, name };
    return people[key];
  }

  /** Verifies a person's identity as the seed does (the officer verifies them by video). */
  async function verify(key: string, { fails = false } = {}) {
    const { client, mobile, name } = people[key]!;
    const idNumber = idNumberFor('19850101', String(100 + Object.keys(people).indexOf(key)));
    await verifyByOfficerVideo({ p, accountId: client.accountId!, name, mobile, idNumber, fails });
  }

  /** An individual application of the borrower's in risk_control, with a grade A assessment. */
  async function atRiskControl(amount = '100000.00'): Promise<string> {
    const appsDeps = composeApplicationsDeps({ infra: p.infra, config: p.config });
    const created = await createApplication({
      deps: appsDeps,
      actor: { accountId: borrower.accountId!, role: 'borrower_individual' },
      kind: 'individual',
      details: individualDetails({ loan: { amount } }) as never,
    });
    await moveForSetUp({
      platform: p,
      applicationId: created.id,
      steps: [
        { to: 'interviewed', by: { accountId: interviewer.accountId!, role: 'approver' } },
        { to: 'risk_control', by: { accountId: officer.accountId!, role: 'loan_officer' } },
      ],
    });
    await storeRiskAssessment({
      platform: p,
      application: created,
      requestedAmount: amount,
      score: 600,
      actor: { accountId: officer.accountId!, role: 'loan_officer' },
      grade: 'A',
    });
    return created.id;
  }

  const mine = (id: string) => `/api/applications/${id}/guarantors`;
  const staffUrl = (id: string) => `/api/staff/applications/${id}/guarantors`;
  const approve = (id: string) =>
    approver.call('POST', `/api/staff/applications/${id}/approval/decisions`, {
      outcome: 'approve',
      reasonCode: 'within_policy',
      text: '同意',
    });
  const consentOf = async (c: TestClient, invitationId: string) => {
    const list = await c.call('GET', '/api/guarantees');
    const g = list.body.guarantees.find((x: { id: string }) => x.id === invitationId);
    return { consentVersion: g.consent.version, consentSha256: g.consent.texts['zh-CN'].sha256 as string };
  };
  const ledgerHas = async (leafHash: string) => {
    const hash = Buffer.from(leafHash, 'hex');
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from ledger_queue where leaf_hash = ${hash})
           + (select count(*) from ledger_entries where leaf_hash = ${hash}) as n`.execute(
      p.infra.database.db,
    );
    return Number(rows[0]!.n) > 0;
  };

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    officer = await staffMember('officer', 'loan_officer');
    interviewer = await staffMember('interviewer', 'approver');
    approver = await staffMember('approver', 'approver');
    borrower = new TestClient(p.app);
    expect((await borrower.register()).status).toBe(201);
    otherBorrower = new TestClient(p.app);
    expect((await otherBorrower.register()).status).toBe(201);
    await person('good', '钱七');
    await person('failing', '孙八');
    await person('stranger', '周九');
    await verify('stranger');
    await verify('failing', { fails: true });
  }, 120_000);
  afterAll(() => p?.close());

  it('invited by the borrower and the officer; seen by the guarantor only; accepted with verified identity and step-up; blockers until then', async () => {
    const id = await atRiskControl();
    const good = people.good!;
    const failing = people.failing!;

    // The borrower invites (guaranteed amount defaults to the loan amount); not themself; others get 404.
    const invited = await borrower.call('POST', mine(id), {
      name: good.name,
      mobile: good.mobile,
      relationship: 'friend',
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      status: 'invited',
      invitedBySide: 'borrower',
      guaranteedAmount: '100000.00',
      mobileMasked: `${good.mobile.slice(0, 3)}****${good.mobile.slice(7)}`,
      canWithdraw: true,
    });
    const invitationId = invited.body.id as string;
    const self = await borrower.call('POST', mine(id), {
      name: '我',
      mobile: '13800138000',
      relationship: 'other',
    });
    expect([self.status, self.body.error.code]).toEqual([409, 'GUARANTOR_NOT_ELIGIBLE']);
    const twice = await borrower.call('POST', mine(id), {
      name: good.name,
      mobile: good.mobile,
      relationship: 'friend',
    });
    expect(twice.body.error.code).toBe('GUARANTOR_NOT_ELIGIBLE');
    const tooMuch = await borrower.call('POST', mine(id), {
      name: '某人',
      mobile: uniqueMobile(),
      relationship: 'friend',
      guaranteedAmount: '100000.01',
    });
    expect(tooMuch.status).toBe(400);
    expect((await otherBorrower.call('GET', mine(id))).status).toBe(404);
    expect(
      (
        await otherBorrower.call('POST', mine(id), {
          name: 'x',
          mobile: uniqueMobile(),
          relationship: 'friend',
        })
      ).status,
    ).toBe(404);

    // The SMS tells them where to answer.
    const sms = await p.infra.identity.smsOutbox!.list({ limit: 20 });
    expect(sms.some((m) => m.purpose === 'guarantor_invitation' && m.text.includes('/guarantees'))).toBe(
      true,
    );

    // The loan officer invites another; risk officers may not (route access), caseworkers list.
    const byOfficer = await officer.call('POST', staffUrl(id), {
      name: failing.name,
      mobile: failing.mobile,
      relationship: 'colleague',
      guaranteedAmount: '40000.00',
    });
    expect(byOfficer.status).toBe(201);
    expect(byOfficer.body).toMatchObject({ invitedBySide: 'officer', guaranteedAmount: '40000.00' });
    const listed = await approver.call('GET', staffUrl(id));
    expect(listed.status).toBe(200);
    expect(listed.body.invitations.map((i: { status: string }) => i.status)).toEqual(['invited', 'invited']);
    expect(JSON.stringify(listed.body)).not.toContain(good.mobile);
    expect(
      (
        await approver.call('POST', staffUrl(id), {
          name: 'x',
          mobile: uniqueMobile(),
          relationship: 'friend',
        })
      ).status,
    ).toBe(403);

    // Each guarantor sees only the invitations to their own mobile; a stranger sees none.
    const seen = await good.client.call('GET', '/api/guarantees');
    expect(seen.status).toBe(200);
    expect(seen.body.identity).toBe('none');
    expect(seen.body.guarantees.map((g: { id: string }) => g.id)).toEqual([invitationId]);
    expect(seen.body.guarantees[0]).toMatchObject({
      loanAmount: '100000.00',
      termMonths: 24,
      status: 'invited',
    });
    expect(seen.body.guarantees[0].consent.texts['zh-CN'].text).toContain('连带责任保证');
    expect((await people.stranger!.client.call('GET', '/api/guarantees')).body.guarantees).toEqual([]);

    // Approval is blocked while they have not answered.
    expect((await officer.call('POST', `/api/staff/applications/${id}/approval`, {})).status).toBe(201);
    const blocked = await approve(id);
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'APPROVAL_BLOCKED']);
    expect(blocked.body.error.details.blockers.map((b: { code: string }) => b.code)).toEqual([
      'GUARANTOR_NOT_CONFIRMED',
      'GUARANTOR_NOT_CONFIRMED',
    ]);

    // Accepting needs step-up, a verified identity, and the text in force; a stranger cannot accept.
    const consent = await consentOf(good.client, invitationId);
    const noFactor = await good.client.call('POST', `/api/guarantees/${invitationId}/accept`, consent);
    expect(noFactor.body.error.code).toBe('SECOND_FACTOR_NOT_ENROLLED');
    await enrolTotp(good.client);
    const unverified = await good.client.call('POST', `/api/guarantees/${invitationId}/accept`, consent);
    expect([unverified.status, unverified.body.error.code]).toEqual([409, 'GUARANTOR_IDENTITY_NOT_VERIFIED']);
    await verify('good');
    expect((await good.client.call('GET', '/api/guarantees')).body.identity).toBe('verified');
    const stale = await good.client.call('POST', `/api/guarantees/${invitationId}/accept`, {
      ...consent,
      consentSha256: 'f'.repeat(64),
    });
    expect(stale.body.error.code).toBe('GUARANTOR_CONSENT_CHANGED');
    await enrolTotp(people.stranger!.client);
    const stolen = await people.stranger!.client.call(
      'POST',
      `/api/guarantees/${invitationId}/accept`,
      consent,
    );
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'GUARANTOR_INVITATION_NOT_FOUND']);
    expect((await borrower.call('POST', `/api/guarantees/${invitationId}/accept`, consent)).status).toBe(403);
    const accepted = await good.client.call('POST', `/api/guarantees/${invitationId}/accept`, consent);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    expect(
      (await good.client.call('POST', `/api/guarantees/${invitationId}/decline`, { reason: '反悔' })).body
        .error.code,
    ).toBe('GUARANTOR_INVITATION_CLOSED');

    // The other guarantor's identity verification failed: their invitation becomes verification_failed.
    await enrolTotp(failing.client);
    const failedAttempt = await failing.client.call(
      'POST',
      `/api/guarantees/${byOfficer.body.id}/accept`,
      await consentOf(failing.client, byOfficer.body.id),
    );
    expect([failedAttempt.status, failedAttempt.body.error.code]).toEqual([
      409,
      'GUARANTOR_VERIFICATION_FAILED',
    ]);
    const stillBlocked = await approve(id);
    expect(stillBlocked.body.error.details.blockers).toEqual([
      expect.objectContaining({ source: 'guarantors', code: 'GUARANTOR_VERIFICATION_FAILED' }),
    ]);

    // The officer withdraws it; the accepted guarantor lets approval through.
    const withdrawn = await officer.call('POST', `${staffUrl(id)}/${byOfficer.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const approved = await approve(id);
    expect(approved.status).toBe(200);
    expect((await p.infra.applications.findById(id))!.status).toBe('approved');

    // Once approved, an accepted guarantor cannot be withdrawn, nor new ones invited.
    const late = await borrower.call('POST', `${mine(id)}/${invitationId}/withdraw`);
    expect([late.status, late.body.error.code]).toEqual([409, 'GUARANTOR_INVITATION_CLOSED']);
    const lateInvite = await borrower.call('POST', mine(id), {
      name: 'x',
      mobile: uniqueMobile(),
      relationship: 'friend',
    });
    expect(lateInvite.body.error.code).toBe('GUARANTOR_INVITE_NOT_ALLOWED');

    // Name and mobile are not in the clear in the table; every step is on the ledger.
    const rows = await p.infra.database.db
      .selectFrom('guarantor_invitations')
      .selectAll()
      .where('application_id', '=', id)
      .execute();
    expect(rows).toHaveLength(2);
    const raw = JSON.stringify(rows);
    for (const text of [good.name, good.mobile, failing.name, failing.mobile])
      expect(raw).not.toContain(text);
    for (const r of rows) expect(await ledgerHas(r.leaf_hash)).toBe(true);
    const { rows: leaves } = await sql<{ n: number }>`
      select (select count(*) from ledger_queue) + (select count(*) from ledger_entries) as n`.execute(
      p.infra.database.db,
    );
    expect(Number(leaves[0]!.n)).toBeGreaterThan(0);
  });

  it('a guarantor who declines blocks approval with the reason; withdrawing the invitation clears it', async () => {
    const id = await atRiskControl('90000.00');
    const good = people.good!;
    const invited = await borrower.call('POST', mine(id), {
      name: good.name,
      mobile: `+86${good.mobile}`,
      relationship: 'relative',
      guaranteedAmount: '50000',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.guaranteedAmount).toBe('50000.00');
    const empty = await good.client.call('POST', `/api/guarantees/${invited.body.id}/decline`, {
      reason: '   ',
    });
    expect(empty.status).toBe(400);
    const declined = await good.client.call('POST', `/api/guarantees/${invited.body.id}/decline`, {
      reason: '不愿承担连带责任',
    });
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');
    const seen = await borrower.call('GET', mine(id));
    expect(seen.body.invitations[0]).toMatchObject({ status: 'declined', declineReason: '不愿承担连带责任' });

    expect((await officer.call('POST', `/api/staff/applications/${id}/approval`, {})).status).toBe(201);
    const blocked = await approve(id);
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'APPROVAL_BLOCKED']);
    expect(blocked.body.error.message).toContain('不愿承担连带责任');
    expect(blocked.body.error.details.blockers[0]).toMatchObject({
      source: 'guarantors',
      code: 'GUARANTOR_DECLINED',
    });

    // Another borrower cannot withdraw it; the borrower can.
    expect((await otherBorrower.call('POST', `${mine(id)}/${invited.body.id}/withdraw`)).status).toBe(404);
    const withdrawn = await borrower.call('POST', `${mine(id)}/${invited.body.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    expect((await approve(id)).status).toBe(200);

    // The decline's reason is encrypted at rest.
    const row = await p.infra.database.db
      .selectFrom('guarantor_invitations')
      .selectAll()
      .where('id', '=', invited.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('不愿承担');
  });
});
