import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/accounts/roles';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { createApplication } from '../../src/features/applications/create-application';
import { admitToRoom } from '../../src/features/interview/admit-to-room';
import { sendDueReminders } from '../../src/features/interview/send-due-reminders';
import { prepareEvidence } from '../../src/features/ledger/prepare-evidence';
import { composeApplicationsDeps, composeLedgerDeps } from '../../src/http/compose-deps';
import { guarantorStoreOf } from '../../src/http/compose-guarantors';
import { composeInterviewDeps } from '../../src/http/compose-interview';
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

const HOUR = 3_600_000;
const MIN = 60_000;

describe.each(dbTargets())('video interviews on %s', (target) => {
  let p: TestPlatform;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const advance = (ms: number) => {
    offset += ms;
    p.advanceClock(ms);
  };
  const secrets = new Map<TestClient, Buffer>();
  let officer: TestClient;
  let officer2: TestClient;
  let borrower: TestClient;
  let borrower2: TestClient;
  let stranger: TestClient;

  async function staffMember(role: 'loan_officer' | 'risk_officer'): Promise<TestClient> {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: `${role} ${mobile}`, role },
    });
    const c = new TestClient(p.app);
    expect((await c.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    const enrolment = await c.call('POST', '/api/security/totp/enrolment');
    const secret = base32Decode(enrolment.body.secret)!;
    secrets.set(c, secret);
    expect(
      (await c.call('POST', '/api/security/totp/confirm', { code: totpCode({ secret, at: now() }) })).status,
    ).toBe(200);
    return c;
  }

  /** A fresh second factor (step-up) at the app's clock. */
  async function stepUp(c: TestClient) {
    advance(30_000); // a TOTP step is accepted once: move to the next one
    const r = await c.call('POST', '/api/security/step-up/totp', {
      code: totpCode({ secret: secrets.get(c)!, at: now() }),
    });
    expect(r.status).toBe(200);
  }

  const mobiles = new Map<TestClient, string>();
  async function newBorrower(): Promise<TestClient> {
    const c = new TestClient(p.app);
    const mobile = uniqueMobile();
    expect((await c.register({ mobile })).status).toBe(201);
    mobiles.set(c, mobile);
    return c;
  }

  /** An application of `borrower` in identity_verified with a risk assessment recommending 7.2%. */
  async function verifiedApplication(b: TestClient): Promise<string> {
    const appsDeps = composeApplicationsDeps({ infra: p.infra, config: p.config });
    const actor: Actor = { accountId: b.accountId!, role: 'borrower_individual' };
    const created = await createApplication({
      deps: appsDeps,
      actor,
      kind: 'individual',
      details: individualDetails({
        applicant: { mobile: mobiles.get(b), employer: '北京星河科技有限公司' },
      }) as never,
    });
    await moveForSetUp({
      platform: p,
      applicationId: created.id,
      steps: [{ to: 'identity_verified', by: { accountId: null, role: 'system' } }],
    });
    await storeRiskAssessment({
      platform: p,
      application: created,
      requestedAmount: '50000.00',
    });
    return created.id;
  }

  const statusOf = async (id: string) => (await p.infra.applications.findById(id))!.status;
  const db = () => p.infra.database.db;

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    officer = await staffMember('loan_officer');
    officer2 = await staffMember('loan_officer');
    borrower = await newBorrower();
    borrower2 = await newBorrower();
    stranger = await newBorrower();
  });
  afterAll(async () => {
    await p?.close();
  });

  let slots: { id: string; startsAt: string }[];
  let appId: string;
  let interviewId: string;

  it('officers offer slots; borrowers may not; bad slots are refused', async () => {
    const startsAt = new Date(now().getTime() + 20 * MIN).toISOString();
    const offered = await officer.call('POST', '/api/staff/interview-slots', {
      startsAt,
      durationMinutes: 30,
      count: 4,
    });
    expect(offered.status).toBe(201);
    slots = offered.body.items;
    expect(slots).toHaveLength(4);
    expect(new Date(slots[1]!.startsAt).getTime() - new Date(slots[0]!.startsAt).getTime()).toBe(30 * MIN);
    expect(
      (await officer.call('POST', '/api/staff/interview-slots', { startsAt, durationMinutes: 30 })).body.error
        .code,
    ).toBe('INTERVIEW_SLOT_CONFLICT');
    const past = await officer.call('POST', '/api/staff/interview-slots', {
      startsAt: new Date(now().getTime() - HOUR).toISOString(),
      durationMinutes: 30,
    });
    expect([past.status, past.body.error.code]).toEqual([422, 'INTERVIEW_SLOT_INVALID']);
    expect(
      (await officer.call('POST', '/api/staff/interview-slots', { startsAt, durationMinutes: 5 })).status,
    ).toBe(400);
    expect(
      (await borrower.call('POST', '/api/staff/interview-slots', { startsAt, durationMinutes: 30 })).status,
    ).toBe(403);
    expect((await borrower.call('GET', '/api/staff/interviews')).status).toBe(403);
    expect(
      (await officer.call('GET', '/api/staff/interview-slots')).body.items.length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('the borrower picks an open slot: the application is interview_scheduled, an SMS confirms it', async () => {
    appId = await verifiedApplication(borrower);
    const open = await borrower.call('GET', `/api/applications/${appId}/interview-slots`);
    expect(open.status).toBe(200);
    expect(open.body.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(slots.map((s) => s.id)),
    );
    expect((await stranger.call('GET', `/api/applications/${appId}/interview-slots`)).status).toBe(404);
    expect(
      (await stranger.call('POST', `/api/applications/${appId}/interview`, { slotId: slots[0]!.id })).status,
    ).toBe(404);

    const mine = await borrower.call('GET', '/api/interviews');
    expect(mine.body.schedulable.map((a: { id: string }) => a.id)).toContain(appId);

    const booked = await borrower.call('POST', `/api/applications/${appId}/interview`, {
      slotId: slots[0]!.id,
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'scheduled', myRole: 'borrower', canJoinNow: false });
    expect(booked.body.participants.map((x: { role: string }) => x.role)).toEqual(['officer', 'borrower']);
    expect(await statusOf(appId)).toBe('interview_scheduled');
    // Picking the same slot again answers the same interview; another slot is refused.
    expect(
      (await borrower.call('POST', `/api/applications/${appId}/interview`, { slotId: slots[0]!.id })).body.id,
    ).toBe(booked.body.id);
    expect(
      (await borrower.call('POST', `/api/applications/${appId}/interview`, { slotId: slots[1]!.id })).body
        .error.code,
    ).toBe('INTERVIEW_ALREADY_SCHEDULED');
    const sms = await p.infra.identity.smsOutbox!.list({ limit: 20 });
    expect(sms.some((m) => m.text.includes('面签预约'))).toBe(true);
    interviewId = booked.body.id;
  });

  it('two borrowers race for one slot: exactly one wins', async () => {
    const a = await verifiedApplication(borrower2);
    const other = await newBorrower();
    const b = await verifiedApplication(other);
    const [r1, r2] = await Promise.all([
      borrower2.call('POST', `/api/applications/${a}/interview`, { slotId: slots[1]!.id }),
      other.call('POST', `/api/applications/${b}/interview`, { slotId: slots[1]!.id }),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([201, 409]);
    expect([r1, r2].find((r) => r.status === 409)!.body.error.code).toBe('INTERVIEW_SLOT_TAKEN');
    const statuses = [await statusOf(a), await statusOf(b)].sort();
    expect(statuses).toEqual(['identity_verified', 'interview_scheduled']);
    const count = await db()
      .selectFrom('interviews')
      .select(db().fn.countAll().as('n'))
      .where('slot_id', '=', slots[1]!.id)
      .executeTakeFirst();
    expect(Number(count!.n)).toBe(1);
  });

  it('rescheduling: the borrower cancels (back to identity_verified, slot open again) and picks again', async () => {
    const b = await newBorrower();
    const id = await verifiedApplication(b);
    const first = await b.call('POST', `/api/applications/${id}/interview`, { slotId: slots[2]!.id });
    expect(first.status).toBe(201);
    const cancelled = await b.call('POST', `/api/applications/${id}/interview/cancel`, {
      reason: '有事改期',
    });
    expect(cancelled.body.status).toBe('cancelled');
    expect(await statusOf(id)).toBe('identity_verified');
    expect(
      (await p.infra.database.db
        .selectFrom('interview_slots')
        .select('status')
        .where('id', '=', slots[2]!.id)
        .executeTakeFirst())!.status,
    ).toBe('open');
    expect((await b.call('POST', `/api/applications/${id}/interview`, { slotId: slots[3]!.id })).status).toBe(
      201,
    );
    // The officer cancels it: the slot is withdrawn, the application waits for another pick.
    const live = (await b.call('GET', '/api/interviews')).body.interviews.find(
      (i: { status: string }) => i.status === 'scheduled',
    );
    expect((await officer2.call('POST', `/api/staff/interviews/${live.id}/cancel`, {})).body.error.code).toBe(
      'INTERVIEW_NOT_INTERVIEWER',
    );
    expect(
      (await officer.call('POST', `/api/staff/interviews/${live.id}/cancel`, { reason: '坐席调整' })).status,
    ).toBe(200);
    expect(await statusOf(id)).toBe('identity_verified');
    expect((await officer.call('DELETE', `/api/staff/interview-slots/${slots[2]!.id}`)).status).toBe(200);
    expect((await officer2.call('DELETE', `/api/staff/interview-slots/${slots[0]!.id}`)).status).toBe(404);
    expect((await officer.call('DELETE', `/api/staff/interview-slots/${slots[0]!.id}`)).body.error.code).toBe(
      'INTERVIEW_SLOT_TAKEN',
    );
  });

  it('sends one reminder per interview about 30 minutes before', async () => {
    const deps = composeInterviewDeps({ infra: p.infra, config: p.config });
    const startsAt = new Date(slots[0]!.startsAt);
    const before = (await p.infra.identity.smsOutbox!.list({ limit: 500 })).filter((m) =>
      m.text.includes('面签提醒'),
    ).length;
    await sendDueReminders({ deps, now: new Date(startsAt.getTime() - 45 * MIN) });
    const reminded = async () =>
      (await db()
        .selectFrom('interviews')
        .select('reminder_sent_at')
        .where('id', '=', interviewId)
        .executeTakeFirst())!.reminder_sent_at;
    expect(await reminded()).toBeNull();
    expect(
      await sendDueReminders({ deps, now: new Date(startsAt.getTime() - 25 * MIN) }),
    ).toBeGreaterThanOrEqual(1);
    expect(await reminded()).not.toBeNull();
    expect(await sendDueReminders({ deps, now: new Date(startsAt.getTime() - 20 * MIN) })).toBe(0);
    const after = (await p.infra.identity.smsOutbox!.list({ limit: 500 })).filter((m) =>
      m.text.includes('面签提醒'),
    ).length;
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2); // this interview and the race winner's, each once
  });

  it('admission: participants near the time only; strangers are told not found', async () => {
    const admission = (c: TestClient) => c.call('GET', `/api/interviews/${interviewId}/admission`);
    expect((await admission(borrower)).body).toMatchObject({
      canJoin: false,
      reason: 'not_open',
      role: 'borrower',
    });
    expect((await admission(stranger)).status).toBe(404);
    expect((await stranger.call('GET', `/api/interviews/${interviewId}`)).status).toBe(404);
    expect((await officer2.call('GET', `/api/staff/interviews/${interviewId}`)).status).toBe(404);
    advance(10 * MIN); // 10 minutes before the start
    expect((await admission(borrower)).body).toMatchObject({ canJoin: true, reason: null, role: 'borrower' });
    const join = await borrower.call('POST', `/api/interviews/${interviewId}/join`, {
      location: { latitude: 31.2304, longitude: 121.4737, accuracyMeters: 20 },
    });
    expect(join.body.canJoin).toBe(true);
    // What the media side asks (InterviewRoomAccess.admit): the same rules, with the shared location.
    const deps = composeInterviewDeps({ infra: p.infra, config: p.config });
    const admitted = await admitToRoom({ deps, interviewId, accountId: borrower.accountId!, at: now() });
    expect(admitted.ok && admitted.admission.participant).toMatchObject({
      role: 'borrower',
      displayName: '张三',
      location: { latitude: 31.2304, longitude: 121.4737, accuracyMeters: 20 },
    });
    expect(admitted.ok && admitted.admission.participants).toHaveLength(2);
    expect(await admitToRoom({ deps, interviewId, accountId: stranger.accountId!, at: now() })).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(
      await admitToRoom({ deps, interviewId: randomUUID(), accountId: borrower.accountId!, at: now() }),
    ).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect((await officer.call('GET', `/api/interviews/${interviewId}/admission`)).body).toMatchObject({
      canJoin: true,
      role: 'officer',
    });
    expect(
      (await officer.call('GET', '/api/staff/interviews')).body.items.map((i: { id: string }) => i.id),
    ).toContain(interviewId);
  });

  it('the console: script from the terms, random questions, confirmations with offsets, answers checked', async () => {
    const base = `/api/staff/interviews/${interviewId}`;
    expect(
      (await officer.call('POST', `${base}/confirmations`, { key: 'loan_amount', method: 'voice' })).body
        .error.code,
    ).toBe('INTERVIEW_NOT_LIVE');
    expect((await officer2.call('POST', `${base}/start`)).status).toBe(403);
    const started = await officer.call('POST', `${base}/start`);
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');
    const script = started.body.script;
    expect(script.version).toBe('interview-script-2026.1');
    expect(script.items).toHaveLength(8);
    expect(script.terms.rateSource).toBe('risk_recommendation');
    const rateText: string = script.items.find((i: { key: string }) => i.key === 'interest_rate').text[
      'zh-CN'
    ];
    expect(rateText).toContain('年化利率');
    expect(rateText).toContain(
      `${(Number(script.terms.annualisedRate) * 100).toFixed(4).replace(/\.?0+$/, '')}%`,
    );
    const questions: { key: string }[] = started.body.questions;
    expect(questions.length).toBeGreaterThanOrEqual(4);
    expect(questions.length).toBeLessThanOrEqual(5);
    // Fixed once started: starting again draws nothing new.
    expect(
      (await officer.call('POST', `${base}/start`)).body.questions.map((q: { key: string }) => q.key),
    ).toEqual(questions.map((q) => q.key));

    advance(90_000);
    const c1 = await officer.call('POST', `${base}/confirmations`, { key: 'loan_amount', method: 'voice' });
    const item = c1.body.script.items.find((i: { key: string }) => i.key === 'loan_amount');
    expect(item.confirmed.method).toBe('voice');
    expect(item.confirmed.offsetSeconds).toBeGreaterThanOrEqual(89);
    expect(item.confirmed.offsetSeconds).toBeLessThanOrEqual(95);
    expect(
      (await officer2.call('POST', `${base}/confirmations`, { key: 'fees', method: 'nod' })).status,
    ).toBe(403);
    expect(
      (await borrower.call('POST', `${base}/confirmations`, { key: 'fees', method: 'nod' })).status,
    ).toBe(403);

    const right: Record<string, string> = {
      full_name: '张三',
      birth_date: '1990年3月7日',
      id_last_four: idNumberFor('19900307').slice(-4),
      mobile_last_four: mobiles.get(borrower)!.slice(-4),
      loan_purpose: '日常消费',
      monthly_income_band: '两万',
      employer: '星河科技',
      employment_status: '上班',
      repayment_method: '等额本息',
      loan_amount: '5万',
      loan_term: '两年',
      borrowing_for_others: '没有',
      promised_anything: '没有',
      knows_credit_reporting: '知道',
    };
    const first = questions[0]!.key;
    const wrong = await officer.call('POST', `${base}/answers`, { key: first, answer: '完全不对的回答 999' });
    expect(wrong.body.questions.find((q: { key: string }) => q.key === first).isMatch).toBe(false);
    for (const q of questions) {
      const r = await officer.call('POST', `${base}/answers`, { key: q.key, answer: right[q.key] });
      expect(r.body.questions.find((x: { key: string }) => x.key === q.key)).toMatchObject({ isMatch: true });
    }
    const notDrawn = Object.keys(right).find((k) => !questions.some((q) => q.key === k))!;
    expect((await officer.call('POST', `${base}/answers`, { key: notDrawn, answer: 'x' })).status).toBe(400);
  });

  it('a pass needs everything confirmed; it moves the application to interviewed; QC four-eyes, then risk_control', async () => {
    const base = `/api/staff/interviews/${interviewId}`;
    const form = {
      isIdentityConfirmed: true,
      isWillingnessConfirmed: true,
      isPromptingAbsent: true,
      findings: '借款人表述清楚，用途真实',
      outcome: 'pass',
      reasons: [],
    };
    const early = await officer.call('POST', `${base}/conclusion`, form);
    expect([early.status, early.body.error.code]).toEqual([422, 'INTERVIEW_SCRIPT_INCOMPLETE']);
    for (const key of [
      'recording_notice',
      'interest_rate',
      'fees',
      'repayment',
      'default_consequences',
      'right_to_refuse',
      'cooling_off',
    ])
      expect(
        (
          await officer.call('POST', `${base}/confirmations`, {
            key,
            method: key === 'fees' ? 'nod' : 'voice',
          })
        ).status,
      ).toBe(200);
    // The borrower chose the officer's check instead of face recognition: this conclusion verifies them.
    await verifyByOfficerVideo({
      p,
      accountId: borrower.accountId!,
      name: '张三',
      mobile: mobiles.get(borrower)!,
      idNumber: idNumberFor('19880808', '417'),
    });
    const pending = await p.infra.identity.store.latestVerification(borrower.accountId!);
    expect([pending?.status, pending?.verifiedAt]).toEqual(['officer_video_pending', null]);
    const officerIdentityLeaves = async () =>
      (
        await sql<{ n: number }>`
          select count(*)::int as n from (select entry from ledger_queue union all select entry from ledger_entries) e
          where position(${'"type":"identity.check"'} in convert_from(entry, 'UTF8')) > 0
            and position(${'"role":"loan_officer"'} in convert_from(entry, 'UTF8')) > 0`.execute(db())
      ).rows[0]!.n;
    const leavesBefore = await officerIdentityLeaves();
    const concluded = await officer.call('POST', `${base}/conclusion`, form);
    expect(concluded.status).toBe(200);
    const confirmed = await p.infra.identity.store.latestVerification(borrower.accountId!);
    expect(confirmed).toMatchObject({ id: pending!.id, status: 'verified', method: 'officer_video' });
    expect(confirmed?.verifiedAt).toBeInstanceOf(Date);
    // Its leaf (queued or sequenced by now) is an identity check by the officer.
    expect(await officerIdentityLeaves()).toBe(leavesBefore + 1);
    expect(concluded.body).toMatchObject({ status: 'concluded', outcome: 'pass', qcStatus: 'waiting' });
    expect(concluded.body.qc.report.coverage).toMatchObject({ confirmed: 8, total: 8, isComplete: true });
    expect(concluded.body.qc.report.missing).toEqual(['face_samples', 'recording']);
    expect(await statusOf(appId)).toBe('interviewed');
    // Concluding again with the same form is answered as done.
    expect((await officer.call('POST', `${base}/conclusion`, form)).status).toBe(200);

    // The room is closed now.
    expect((await borrower.call('GET', `/api/interviews/${interviewId}/admission`)).body).toMatchObject({
      canJoin: false,
      reason: 'closed',
    });

    // QC: not the interviewer; the second officer needs a fresh second factor.
    await stepUp(officer);
    const own = await officer.call('POST', `${base}/qc`, { decision: 'sign_off', reason: '合规' });
    expect([own.status, own.body.error.code]).toEqual([403, 'INTERVIEW_QC_FOUR_EYES']);
    expect((await borrower.call('POST', `${base}/qc`, { decision: 'sign_off', reason: '合规' })).status).toBe(
      403,
    );
    const review = await officer2.call('GET', base);
    expect(review.status).toBe(200);
    expect(review.body.canSignOffQc).toBe(true);
    const stale = await officer2.call('POST', `${base}/qc`, { decision: 'sign_off', reason: '质检通过' });
    expect(stale.body.error.code).toBe('STEP_UP_REQUIRED');
    await stepUp(officer2);
    const signed = await officer2.call('POST', `${base}/qc`, { decision: 'sign_off', reason: '质检通过' });
    expect(signed.status).toBe(200);
    expect(signed.body.qc).toMatchObject({ status: 'signed_off', byAccountId: officer2.accountId });
    expect(await statusOf(appId)).toBe('risk_control');

    await p.app.ledgerIntegrator?.tick();
    const entries = (await officer.call('GET', `/api/ledger/applications/${appId}/entries`)).body.entries as {
      type: string;
    }[];
    // The interview's own leaves (booked, concluded, QC signed off …) and the moves to interview_scheduled,
    // interviewed and risk_control among the application's events.
    expect(entries.filter((e) => e.type === 'interview').length).toBeGreaterThanOrEqual(3);
    expect(entries.filter((e) => e.type === 'application.event').length).toBeGreaterThanOrEqual(3);
  });

  it('a failed interview rejects the application with reasons', async () => {
    const b = await newBorrower();
    const id = await verifiedApplication(b);
    const slot = (
      await officer.call('POST', '/api/staff/interview-slots', {
        startsAt: new Date(now().getTime() + 5 * MIN).toISOString(),
        durationMinutes: 30,
      })
    ).body.items[0];
    const booked = await b.call('POST', `/api/applications/${id}/interview`, { slotId: slot.id });
    expect(booked.status).toBe(201);
    const base = `/api/staff/interviews/${booked.body.id}`;
    await officer.call('POST', `${base}/start`);
    expect(
      (await officer.call('POST', `${base}/prompting`, { note: '旁边有人提示回答' })).body.prompting,
    ).toHaveLength(1);
    const noReasons = await officer.call('POST', `${base}/conclusion`, {
      isIdentityConfirmed: true,
      isWillingnessConfirmed: false,
      isPromptingAbsent: false,
      findings: '',
      outcome: 'fail',
      reasons: [],
    });
    expect(noReasons.status).toBe(400);
    const failed = await officer.call('POST', `${base}/conclusion`, {
      isIdentityConfirmed: true,
      isWillingnessConfirmed: false,
      isPromptingAbsent: false,
      findings: '借款人受他人指使',
      outcome: 'fail',
      reasons: ['疑似代他人借款'],
    });
    expect(failed.body).toMatchObject({ outcome: 'fail', qcStatus: 'none' });
    expect(await statusOf(id)).toBe('rejected');
    await stepUp(officer2);
    expect(
      (await officer2.call('POST', `${base}/qc`, { decision: 'sign_off', reason: 'x' })).body.error.code,
    ).toBe('INTERVIEW_QC_NOT_WAITING');
  });

  it('accepted guarantors are participants: they see the interview and are admitted as guarantors', async () => {
    const b = await newBorrower();
    const guarantor = await newBorrower();
    const id = await verifiedApplication(b);
    // Set-up: an accepted guarantee (as the guarantor invitation flow leaves it).
    const at = now();
    const evidence = await prepareEvidence(composeLedgerDeps({ infra: p.infra, config: p.config }), {
      type: 'guarantee',
      applicationId: id,
      actor: { accountId: guarantor.accountId!, role: 'borrower_individual' },
      record: { kind: 'guarantor.test', at: at.toISOString() },
      at,
    });
    expect(
      await guarantorStoreOf(p.infra).create({
        record: {
          id: randomUUID(),
          applicationId: id,
          name: '李四',
          mobile: mobiles.get(guarantor)!,
          mobileMasked: '138****0000',
          relationship: 'spouse',
          guaranteedAmount: '50000.00',
          invitedBySide: 'borrower',
          invitedBy: b.accountId!,
          invitedAt: at,
          status: 'accepted',
          version: 1,
          answeredAt: at,
          declineReason: null,
          consentVersion: 'test',
          consentSha256: 'b'.repeat(64),
          consentLocale: 'zh-CN',
          guarantorAccountId: guarantor.accountId!,
          withdrawnAt: null,
          withdrawnBy: null,
          leafHash: evidence.leafHash.toString('hex'),
        },
        evidence,
      }),
    ).toBe(true);
    const slot = (
      await officer.call('POST', '/api/staff/interview-slots', {
        startsAt: new Date(now().getTime() + 60 * MIN).toISOString(),
        durationMinutes: 30,
      })
    ).body.items[0];
    const booked = await b.call('POST', `/api/applications/${id}/interview`, { slotId: slot.id });
    expect(booked.status).toBe(201);
    expect(booked.body.participants).toEqual([
      expect.objectContaining({ role: 'officer' }),
      expect.objectContaining({ role: 'borrower', displayName: '张三' }),
      expect.objectContaining({ role: 'guarantor', displayName: '李四', accountId: guarantor.accountId }),
    ]);
    const seen = (await guarantor.call('GET', '/api/interviews')).body;
    expect(seen.interviews.map((i: { id: string }) => i.id)).toContain(booked.body.id);
    expect(seen.interviews[0].myRole).toBe('guarantor');
    expect((await guarantor.call('GET', `/api/interviews/${booked.body.id}/admission`)).body).toMatchObject({
      canJoin: false,
      reason: 'not_open',
      role: 'guarantor',
    });
    // Too early for the officer to start it from the console.
    const early = await officer.call('POST', `/api/staff/interviews/${booked.body.id}/start`);
    expect([early.status, early.body.error.code]).toEqual([409, 'INTERVIEW_NOT_LIVE']);
    // The guarantor may not cancel the borrower's interview.
    expect((await guarantor.call('POST', `/api/applications/${id}/interview/cancel`, {})).status).toBe(404);
  });

  it('keeps personal fields out of the raw tables', async () => {
    const raw = JSON.stringify([
      ...(await sql`select * from interviews`.execute(db())).rows,
      ...(await sql`select * from interview_participants`.execute(db())).rows,
    ]);
    for (const secret of [
      '张三',
      '星河科技',
      '有事改期',
      '受他人指使',
      '旁边有人提示',
      '31.2304',
      mobiles.get(borrower)!.slice(-4) + '"',
    ])
      expect(raw).not.toContain(secret);
    expect(raw).toContain('interview-script-2026.1');
  });
});
