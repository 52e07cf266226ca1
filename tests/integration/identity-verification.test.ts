import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FaceAnalysis } from '../../src/core/identity/face-analysis';
import { isAppError } from '../../src/core/errors';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import type { FaceEngine } from '../../src/features/identity/face-engine.port';
import { registerInDevRegistry } from '../../src/features/identity/register-in-dev-registry';
import { composeIdentityDeps } from '../../src/http/compose-deps';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { idNumberFor, submittedIndividualApplication } from '../support/fixtures';

/**
 * The face step uses a FaceEngine test double: this machine has no photographs of a person turning
 * their head, so the real engine (infra/face, tested by the face engineer on the shared test photos)
 * could only ever fail here. Everything else is real: `verifyFace` and its judgement run on what the
 * double "measures", the identity authority is the local registry in the database, SMS go to the
 * development outbox, and evidence goes to the ledger.
 *
 * The double reads what a frame shows from the frame's bytes: a JPEG start of image marker followed
 * by `face:<person>:<yaw>` (or `noface`). Each person has a fixed unit embedding.
 */
const fakeJpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);
const embeddingOf = (person: string) => {
  const e = new Float32Array(8);
  e[person.charCodeAt(0) % 8] = 1;
  return e;
};
const doubleEngine: FaceEngine = {
  modelVersion: 'test-double/1',
  async analyse(image): Promise<FaceAnalysis> {
    const text = Buffer.from(image).subarray(4).toString();
    const m = /^face:(\w+):(-?\d+)$/.exec(text);
    if (!m) return { faces: [], width: 640, height: 480 };
    return {
      width: 640,
      height: 480,
      faces: [
        {
          score: 0.99,
          box: { x: 200, y: 100, width: 200, height: 240 },
          embedding: embeddingOf(m[1]!),
          pose: { yaw: Number(m[2]), pitch: 0, roll: 0 },
          antispoof: 0.9,
          liveness: 0.8,
        },
      ],
    };
  },
};
/** Frames of `person` looking at the camera, then turning as `challenge` asks (yaw + = own left). */
const framesFor = (person: string, challenge: string) => {
  const sign = challenge === 'turn_left' ? 1 : -1;
  return [0, 2, 15 * sign, 30 * sign].map((yaw) => fakeJpeg(`face:${person}:${yaw}`).toString('base64'));
};

describe.each(dbTargets())('identity verification on %s', (target) => {
  let p: TestPlatform;
  let officer: TestClient;
  let admin: TestClient;
  const texts = new Map<string, string>();
  let nextSeq = 0;

  beforeAll(async () => {
    // Sessions outlive the hour the per-hour code limit needs the clock to move.
    p = await createTestPlatform({ target, overrides: { sessionIdleMinutes: 24 * 60 } });
    p.infra.identity.faceEngine = doubleEngine;
    for (const [role, client] of [
      ['loan_officer', (officer = new TestClient(p.app))],
      ['admin', (admin = new TestClient(p.app))],
    ] as const) {
      const mobile = uniqueMobile();
      await createStaffAccount({
        deps: p.infra,
        input: { mobile, password: 'staff passphrase 2026', displayName: role, role },
      });
      await client.login(mobile, 'staff passphrase 2026');
    }
    const c = new TestClient(p.app);
    await c.register();
    for (const t of (await c.call('GET', '/api/identity/consent-texts')).body.items)
      texts.set(t.kind, t.version);
  });
  afterAll(() => p.close());

  const consent = (c: TestClient, kind: string) => c.consent(kind);

  /** The last code the outbox holds for a masked mobile, read as an administrator would. */
  const lastCode = async (mobile: string) => {
    const outbox = await admin.call('GET', '/api/admin/sms-outbox');
    expect(outbox.status).toBe(200);
    const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
    const message = outbox.body.items.find((m: { mobileMasked: string }) => m.mobileMasked === masked);
    return /(\d{6})/.exec(message.text)![1]!;
  };

  /** A borrower registered in the identity registry (with a photo of `person`), past the authority check. */
  const borrowerPastAuthority = async ({
    name = '张三',
    idNumber = idNumberFor('19900307', String(100 + nextSeq++)),
    person = 'A' as string | null,
    mobile = uniqueMobile(),
  } = {}) => {
    const c = new TestClient(p.app);
    await c.register({ mobile });
    const reg = await c.call('POST', '/api/identity/dev/registry', {
      name,
      idNumber,
      ...(person ? { photo: fakeJpeg(`face:${person}:0`).toString('base64') } : {}),
    });
    expect(reg.status).toBe(201);
    expect((await consent(c, 'personal_information')).status).toBe(201);
    const started = await c.call('POST', '/api/identity/verification', { name, idNumber });
    expect(started.body.verification.status).toBe('authority_passed');
    return { c, name, idNumber, mobile };
  };

  const pastPhone = async (opts: Parameters<typeof borrowerPastAuthority>[0] = {}) => {
    const b = await borrowerPastAuthority(opts);
    expect(
      (await b.c.call('POST', '/api/identity/verification/phone-code', { mobile: b.mobile })).status,
    ).toBe(200);
    const ok = await b.c.call('POST', '/api/identity/verification/phone-code/verify', {
      code: await lastCode(b.mobile),
    });
    expect(ok.body.verification.status).toBe('phone_verified');
    return b;
  };

  it('verifies a borrower end to end and moves their application under review to identity_verified', async () => {
    const mobile = uniqueMobile();
    const idNumber = idNumberFor('19880512', '531');
    const c = new TestClient(p.app);
    await c.register({ mobile, displayName: '欧阳娜娜' });
    const submitted = await submittedIndividualApplication(c, {
      applicant: { fullName: '欧阳娜娜', idNumber, mobile },
    });
    expect(submitted.body.status).toBe('under_review');

    // Before anything: ID details are the next step.
    expect((await c.call('GET', '/api/identity/verification')).body).toMatchObject({
      verification: null,
      nextStep: 'id_details',
    });
    expect(
      (
        await c.call('POST', '/api/identity/dev/registry', {
          name: '欧阳娜娜',
          idNumber,
          photo: fakeJpeg('face:N:0').toString('base64'),
        })
      ).status,
    ).toBe(201);

    // Personal-information consent, then the details: the authority answers "consistent".
    expect((await consent(c, 'personal_information')).status).toBe(201);
    const started = await c.call('POST', '/api/identity/verification', {
      name: '欧阳娜娜',
      idNumber,
      birthDate: '1988-05-12',
      sex: 'male',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      verification: {
        status: 'authority_passed',
        name: '欧阳娜娜',
        idNumberMasked: '110105********' + idNumber.slice(-4),
        birthDate: '1988-05-12',
        sex: 'male',
      },
      nextStep: 'phone',
    });

    // Phone code.
    const sent = await c.call('POST', '/api/identity/verification/phone-code', { mobile });
    expect(sent.status).toBe(200);
    expect(sent.body.mobileMasked).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
    const verified = await c.call('POST', '/api/identity/verification/phone-code/verify', {
      code: await lastCode(mobile),
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ verification: { status: 'phone_verified' }, nextStep: 'consents' });
    expect(verified.body.missingConsents).toEqual(['credit_inquiry', 'recording', 'face_data']);

    // Consents.
    for (const kind of ['credit_inquiry', 'recording', 'face_data'])
      expect((await consent(c, kind)).status).toBe(201);
    expect((await c.call('GET', '/api/identity/verification')).body.nextStep).toBe('face');

    // Face check: the server picks the challenge; the frames follow it.
    const check = await c.call('POST', '/api/identity/face-checks', {});
    expect(check.status).toBe(201);
    expect(['turn_left', 'turn_right']).toContain(check.body.challenge);
    const result = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('N', check.body.challenge),
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      check: {
        passed: true,
        failures: [],
        similarity: 1,
        modelVersion: 'test-double/1',
        frameCount: 4,
        imagesRetained: false,
      },
      verificationStatus: 'verified',
      promotedApplicationIds: [submitted.body.id],
    });
    expect(result.body.check.threshold).toBeGreaterThan(0);
    expect((await c.call('GET', '/api/identity/verification')).body).toMatchObject({
      verification: { status: 'verified', method: 'face' },
      nextStep: 'done',
    });

    // The application moved on, by the system.
    const app = await c.call('GET', `/api/applications/${submitted.body.id}`);
    expect(app.body.status).toBe('identity_verified');
    expect(app.body.events.at(-1)).toMatchObject({
      fromStatus: 'under_review',
      toStatus: 'identity_verified',
      actorRole: 'system',
    });

    // The one-time id is spent.
    const again = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('N', check.body.challenge),
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'FACE_CHECK_USED' } } });

    // Without the retention consent no frame was kept.
    const kept = await sql<{
      n: string;
    }>`select count(*) as n from face_check_images where face_check_id = ${check.body.id}`.execute(
      p.infra.database.db,
    );
    expect(Number(kept.rows[0]!.n)).toBe(0);

    // Staff see every check, masked.
    const staff = await officer.call('GET', `/api/staff/applications/${submitted.body.id}/identity-checks`);
    expect(staff.status).toBe(200);
    expect(staff.body.verifications).toHaveLength(1);
    expect(staff.body.verifications[0]).toMatchObject({
      status: 'verified',
      method: 'face',
      nameMasked: '欧***',
      idNumberMasked: '110105********' + idNumber.slice(-4),
      authorityChecks: [
        { provider: 'local-registry', requestKind: 'identity', verdict: 'consistent', hasPhoto: false },
        { provider: 'local-registry', requestKind: 'photo', verdict: 'consistent', hasPhoto: true },
      ],
      faceChecks: [
        { passed: true, modelVersion: 'test-double/1', scores: { antispoof: 0.9, liveness: 0.8 } },
      ],
    });
    expect(staff.body.verifications[0].authorityChecks[0].responseSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(staff.body.consents.map((x: { kind: string }) => x.kind).sort()).toEqual([
      'credit_inquiry',
      'face_data',
      'personal_information',
      'recording',
    ]);
    const staffJson = JSON.stringify(staff.body);
    expect(staffJson).not.toContain(idNumber);
    expect(staffJson).not.toContain('欧阳娜娜');
    expect(staffJson).not.toContain(mobile);

    // On the ledger: four consents and the authority, phone and face checks, plus the application's move.
    await p.app.ledgerIntegrator?.tick();
    const leaves = await sql<{
      leaf: string;
    }>`select convert_from(entry, 'UTF8') as leaf from ledger_entries`.execute(p.infra.database.db);
    const types = leaves.rows.map((r) => JSON.parse(r.leaf).type as string);
    expect(types.filter((t) => t === 'consent').length).toBeGreaterThanOrEqual(4);
    expect(types.filter((t) => t === 'identity.check').length).toBeGreaterThanOrEqual(3);
  });

  it('answers inconsistent and unknown identities, and refuses details that do not hold together', async () => {
    const idNumber = idNumberFor('19920101', '717');
    const c = new TestClient(p.app);
    await c.register();
    await c.call('POST', '/api/identity/dev/registry', { name: '张三', idNumber });

    // The details go to the authority only after the personal-information consent.
    const early = await c.call('POST', '/api/identity/verification', { name: '张三', idNumber });
    expect(early).toMatchObject({
      status: 409,
      body: { error: { code: 'CONSENT_REQUIRED', details: { missing: ['personal_information'] } } },
    });
    await consent(c, 'personal_information');

    const wrongName = await c.call('POST', '/api/identity/verification', { name: '李四', idNumber });
    expect(wrongName.status).toBe(201);
    expect(wrongName.body).toMatchObject({
      verification: { status: 'authority_failed' },
      nextStep: 'id_details',
    });
    const unknown = await c.call('POST', '/api/identity/verification', {
      name: '张三',
      idNumber: idNumberFor('19920101', '719'),
    });
    expect(unknown.body.verification.status).toBe('authority_failed');
    const verdicts = await sql<{ verdict: string }>`
      select verdict from identity_authority_checks c join identity_verifications v on v.id = c.verification_id
      where v.account_id = ${c.accountId} order by c.answered_at`.execute(p.infra.database.db);
    expect(verdicts.rows.map((r) => r.verdict)).toEqual(['inconsistent', 'no_record']);

    // A failed verification gets no code.
    const code = await c.call('POST', '/api/identity/verification/phone-code', { mobile: uniqueMobile() });
    expect(code).toMatchObject({ status: 409, body: { error: { code: 'IDENTITY_STEP_OUT_OF_ORDER' } } });

    const bad = await c.call('POST', '/api/identity/verification', {
      name: 'Zhang',
      idNumber,
      birthDate: '1992-01-02',
      sex: 'female',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: 'IDENTITY_DETAILS_INVALID',
      details: { reasons: ['NAME_FORMAT', 'BIRTH_DATE_MISMATCH', 'SEX_MISMATCH'] },
    });
    const badNumber = await c.call('POST', '/api/identity/verification', {
      name: '张三',
      idNumber: '110105199201017170',
    });
    expect(badNumber.body.error.details.reasons).toEqual(['ID_NUMBER_CHECK_CHARACTER']);
  });

  it('limits phone codes: wrong, too soon, expired, too many tries, and the hourly cap', async () => {
    const { c, mobile } = await borrowerPastAuthority();
    const verify = (code: string) => c.call('POST', '/api/identity/verification/phone-code/verify', { code });
    const send = () => c.call('POST', '/api/identity/verification/phone-code', { mobile });

    expect(await verify('123456')).toMatchObject({
      status: 409,
      body: { error: { code: 'PHONE_CODE_NOT_SENT' } },
    });
    expect((await send()).status).toBe(200);
    const first = await lastCode(mobile);
    const wrong = first === '000000' ? '000001' : '000000';
    const w = await verify(wrong);
    expect(w).toMatchObject({
      status: 422,
      body: { error: { code: 'PHONE_CODE_WRONG', details: { attemptsLeft: 4 } } },
    });

    const soon = await send();
    expect(soon).toMatchObject({ status: 429, body: { error: { code: 'PHONE_CODE_TOO_SOON' } } });
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Expired after 5 minutes, even when right.
    p.advanceClock(301_000);
    expect(await verify(first)).toMatchObject({
      status: 410,
      body: { error: { code: 'PHONE_CODE_EXPIRED' } },
    });

    // Five wrong tries kill a code; the right one is refused afterwards.
    expect((await send()).status).toBe(200);
    const second = await lastCode(mobile);
    const wrong2 = second === '000000' ? '000001' : '000000';
    for (let i = 4; i >= 0; i--)
      expect((await verify(wrong2)).body.error).toMatchObject({
        code: 'PHONE_CODE_WRONG',
        details: { attemptsLeft: i },
      });
    expect(await verify(second)).toMatchObject({
      status: 429,
      body: { error: { code: 'PHONE_CODE_ATTEMPTS_EXCEEDED' } },
    });

    // At most 5 codes an hour (two so far).
    for (let i = 0; i < 3; i++) {
      p.advanceClock(61_000);
      expect((await send()).status).toBe(200);
    }
    p.advanceClock(61_000);
    const capped = await send();
    expect(capped).toMatchObject({ status: 429, body: { error: { code: 'PHONE_CODE_LIMIT' } } });
    p.advanceClock(3_600_000);
    expect((await send()).status).toBe(200);
    const ok = await verify(await lastCode(mobile));
    expect(ok.body.verification.status).toBe('phone_verified');
    // The code stored is a keyed hash, never the code.
    const rows = await sql<{ code_hash: string }>`select code_hash from phone_codes`.execute(
      p.infra.database.db,
    );
    expect(rows.rows.every((r) => !/^\d{6}$/.test(r.code_hash))).toBe(true);
  });

  it('needs the consents before the face check, and refuses another borrower’s or a stale check id', async () => {
    const { c } = await pastPhone();
    const missing = await c.call('POST', '/api/identity/face-checks', {});
    expect(missing).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'CONSENT_REQUIRED',
          details: { missing: ['credit_inquiry', 'recording', 'face_data'] },
        },
      },
    });
    for (const kind of ['credit_inquiry', 'recording', 'face_data']) await consent(c, kind);
    const check = await c.call('POST', '/api/identity/face-checks', {});
    expect(check.status).toBe(201);

    const other = await pastPhone();
    const stolen = await other.c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('A', check.body.challenge),
    });
    expect(stolen).toMatchObject({ status: 404, body: { error: { code: 'FACE_CHECK_NOT_FOUND' } } });

    const tooFew = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('A', check.body.challenge).slice(0, 2),
    });
    expect(tooFew).toMatchObject({ status: 422, body: { error: { code: 'FACE_FRAMES_INVALID' } } });
    const notJpeg = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: [...framesFor('A', check.body.challenge), Buffer.from('GIF89a').toString('base64')],
    });
    expect(notJpeg).toMatchObject({ status: 422, body: { error: { code: 'FACE_IMAGE_INVALID' } } });

    p.advanceClock(181_000);
    const stale = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('A', check.body.challenge),
    });
    expect(stale).toMatchObject({ status: 410, body: { error: { code: 'FACE_CHECK_EXPIRED' } } });

    // A fresh check with someone else's face fails, as a result, and stays unverified.
    const next = await c.call('POST', '/api/identity/face-checks', {});
    const mismatch = await c.call('POST', `/api/identity/face-checks/${next.body.id}/frames`, {
      frames: framesFor('B', next.body.challenge),
    });
    expect(mismatch.status).toBe(200);
    expect(mismatch.body).toMatchObject({
      check: { passed: false, failures: ['FACE_MISMATCH'] },
      verificationStatus: 'phone_verified',
      promotedApplicationIds: [],
    });
    // The wrong turn fails the liveness challenge.
    const third = await c.call('POST', '/api/identity/face-checks', {});
    const wrongTurn = await c.call('POST', `/api/identity/face-checks/${third.body.id}/frames`, {
      frames: framesFor('A', third.body.challenge === 'turn_left' ? 'turn_right' : 'turn_left'),
    });
    expect(wrongTurn.body.check.failures).toContain('LIVENESS_CHALLENGE_NOT_MET');

    // Five failures, and the face check is closed: the officer verifies in the video interview.
    for (let i = 0; i < 3; i++) {
      const more = await c.call('POST', '/api/identity/face-checks', {});
      const failed = await c.call('POST', `/api/identity/face-checks/${more.body.id}/frames`, {
        frames: framesFor('B', more.body.challenge),
      });
      expect(failed.body.check.passed).toBe(false);
    }
    const closed = await c.call('POST', '/api/identity/face-checks', {});
    expect(closed).toMatchObject({
      status: 429,
      body: { error: { code: 'FACE_CHECK_LIMIT', details: { failed: 5, limit: 5 } } },
    });
    const video = await c.call('POST', '/api/identity/verification/officer-video', {});
    expect(video.status).toBe(200);
  });

  it('records the attempt and points to the video interview when the authority holds no photo', async () => {
    const { c } = await pastPhone({ person: null });
    for (const kind of ['credit_inquiry', 'recording', 'face_data']) await consent(c, kind);
    const check = await c.call('POST', '/api/identity/face-checks', {});
    const r = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('A', check.body.challenge),
    });
    expect(r).toMatchObject({ status: 409, body: { error: { code: 'FACE_REFERENCE_UNAVAILABLE' } } });
    const row = await sql<{ status: string; passed: boolean; failures: unknown }>`
      select status, passed, failures from face_checks where id = ${check.body.id}`.execute(
      p.infra.database.db,
    );
    expect(row.rows[0]).toMatchObject({
      status: 'completed',
      passed: false,
      failures: ['REFERENCE_UNAVAILABLE'],
    });
    const chosen = await c.call('POST', '/api/identity/verification/officer-video', {});
    expect(chosen.body.verification.status).toBe('officer_video_pending');
  });

  it('keeps the frames, encrypted, only under the retention consent', async () => {
    const { c } = await pastPhone({ person: 'C' });
    for (const kind of ['credit_inquiry', 'recording', 'face_data', 'face_image_retention'])
      await consent(c, kind);
    const check = await c.call('POST', '/api/identity/face-checks', {});
    const frames = framesFor('C', check.body.challenge);
    const result = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, { frames });
    expect(result.body.check).toMatchObject({ passed: true, imagesRetained: true });
    const kept = await sql<{
      image_enc: Buffer;
    }>`select image_enc from face_check_images where face_check_id = ${check.body.id} order by seq`.execute(
      p.infra.database.db,
    );
    expect(kept.rows).toHaveLength(4);
    expect(
      p.infra.cipher
        .decryptBytes(Buffer.from(kept.rows[0]!.image_enc))
        .equals(Buffer.from(frames[0]!, 'base64')),
    ).toBe(true);
    expect(Buffer.from(kept.rows[0]!.image_enc).includes(Buffer.from('face:C'))).toBe(false);
  });

  it('records consent withdrawal on the ledger and stops the steps that need it', async () => {
    const { c } = await pastPhone();
    for (const kind of ['credit_inquiry', 'recording']) await consent(c, kind);
    const face = await consent(c, 'face_data');
    expect(face.body).toMatchObject({
      kind: 'face_data',
      textVersion: texts.get('face_data'),
      withdrawnAt: null,
    });
    expect(face.body.leafHash).toMatch(/^[0-9a-f]{64}$/);

    const outdated = await c.call('POST', '/api/identity/consents', {
      kind: 'recording',
      textVersion: '2001-01.1',
      locale: 'en',
      method: 'click',
    });
    expect(outdated).toMatchObject({ status: 409, body: { error: { code: 'CONSENT_TEXT_OUTDATED' } } });

    const other = new TestClient(p.app);
    await other.register();
    expect((await other.call('POST', `/api/identity/consents/${face.body.id}/withdraw`, {})).status).toBe(
      404,
    );

    const queuedBefore = await sql<{
      n: string;
    }>`select (select count(*) from ledger_queue) + (select count(*) from ledger_entries) as n`.execute(
      p.infra.database.db,
    );
    const withdrawn = await c.call('POST', `/api/identity/consents/${face.body.id}/withdraw`, {});
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    const queuedAfter = await sql<{
      n: string;
    }>`select (select count(*) from ledger_queue) + (select count(*) from ledger_entries) as n`.execute(
      p.infra.database.db,
    );
    expect(Number(queuedAfter.rows[0]!.n)).toBe(Number(queuedBefore.rows[0]!.n) + 1);
    const row = await sql<{
      withdrawal_method: string;
      withdrawal_leaf_hash: string;
      device_commitment: string;
    }>`
      select withdrawal_method, withdrawal_leaf_hash, device_commitment from consents where id = ${face.body.id}`.execute(
      p.infra.database.db,
    );
    expect(row.rows[0]).toMatchObject({ withdrawal_method: 'click' });
    expect(row.rows[0]!.withdrawal_leaf_hash).toMatch(/^[0-9a-f]{64}$/);

    expect(
      (await c.call('POST', `/api/identity/consents/${face.body.id}/withdraw`, {})).body.error.code,
    ).toBe('CONSENT_ALREADY_WITHDRAWN');
    const blocked = await c.call('POST', '/api/identity/face-checks', {});
    expect(blocked).toMatchObject({
      status: 409,
      body: { error: { code: 'CONSENT_REQUIRED', details: { missing: ['face_data'] } } },
    });
    const listed = await c.call('GET', '/api/identity/consents');
    expect(listed.body.items.find((x: { id: string }) => x.id === face.body.id).withdrawnAt).not.toBeNull();
  });

  it('lets a borrower who refuses face recognition be verified by the officer in the video interview', async () => {
    const { c } = await pastPhone();
    const early = await c.call('POST', '/api/identity/verification/officer-video', {});
    expect(early.body.error.code).toBe('CONSENT_REQUIRED');
    for (const kind of ['credit_inquiry', 'recording']) await consent(c, kind);
    const chosen = await c.call('POST', '/api/identity/verification/officer-video', {});
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({
      verification: { status: 'officer_video_pending', method: 'officer_video' },
      nextStep: 'officer_video',
    });
    expect((await c.call('POST', '/api/identity/face-checks', {})).body.error.code).toBe(
      'IDENTITY_STEP_OUT_OF_ORDER',
    );
  });

  it('moves applications on to identity_verified when the borrower chooses the officer video check, and those submitted afterwards at once', async () => {
    const b = await pastPhone();
    const applicant = { fullName: b.name, idNumber: b.idNumber, mobile: b.mobile };
    const first = await submittedIndividualApplication(b.c, { applicant });
    expect(first.body.status).toBe('under_review');
    for (const kind of ['credit_inquiry', 'recording']) await consent(b.c, kind);
    expect((await b.c.call('POST', '/api/identity/verification/officer-video', {})).status).toBe(200);
    // The interview can now be booked: the officer checks the face there.
    expect((await b.c.call('GET', `/api/applications/${first.body.id}`)).body.status).toBe(
      'identity_verified',
    );
    const second = await submittedIndividualApplication(b.c, { applicant });
    expect(second.body.status).toBe('identity_verified');
    // An application naming another person's ID number is not moved by this verification.
    const other = await submittedIndividualApplication(b.c, {
      applicant: { ...applicant, idNumber: idNumberFor('19850101', String(100 + nextSeq++)) },
    });
    expect(other.body.status).toBe('under_review');
  });

  it('keeps a verified identity in force when a later attempt fails or is under way', async () => {
    const b = await pastPhone();
    for (const kind of ['credit_inquiry', 'recording']) await consent(b.c, kind);
    expect((await b.c.call('POST', '/api/identity/verification/officer-video', {})).status).toBe(200);
    const inForce = await p.infra.identity.store.verifiedIdentityOf(b.c.accountId!);
    expect(inForce?.status).toBe('officer_video_pending');

    // A second attempt with a mistyped name fails at the authority: it is the newest attempt, but the
    // identity verified before stays in force.
    const typo = await b.c.call('POST', '/api/identity/verification', { name: '张山', idNumber: b.idNumber });
    expect(typo.body.verification.status).toBe('authority_failed');
    expect((await p.infra.identity.store.latestVerification(b.c.accountId!))?.id).toBe(
      typo.body.verification.id,
    );
    expect((await p.infra.identity.store.verifiedIdentityOf(b.c.accountId!))?.id).toBe(inForce!.id);
    // Its applications still move on as a verified borrower's do, and the credit inquiry consent
    // still covers the verified person.
    const applied = await submittedIndividualApplication(b.c, {
      applicant: { fullName: b.name, idNumber: b.idNumber, mobile: b.mobile },
    });
    expect(applied.body.status).toBe('identity_verified');
    // A new attempt that gets through the authority is under way: still the old identity in force.
    const again = await b.c.call('POST', '/api/identity/verification', {
      name: b.name,
      idNumber: b.idNumber,
    });
    expect(again.body.verification.status).toBe('authority_passed');
    expect((await p.infra.identity.store.verifiedIdentityOf(b.c.accountId!))?.id).toBe(inForce!.id);
  });

  it('shows identity checks to caseworkers only', async () => {
    const { c } = await borrowerPastAuthority();
    const app = await submittedIndividualApplication(c);
    const url = `/api/staff/applications/${app.body.id}/identity-checks`;
    expect((await c.call('GET', url)).status).toBe(403);
    expect((await admin.call('GET', url)).status).toBe(403);
    expect((await new TestClient(p.app).call('GET', url)).status).toBe(401);
    expect(
      (
        await officer.call(
          'GET',
          '/api/staff/applications/00000000-0000-4000-8000-000000000000/identity-checks',
        )
      ).body.error.code,
    ).toBe('APPLICATION_NOT_FOUND');
    const seen = await officer.call('GET', url);
    expect(seen.body.verifications[0]).toMatchObject({ status: 'authority_passed', nameMasked: '张*' });
    // Borrowers do not read the SMS outbox.
    expect((await c.call('GET', '/api/admin/sms-outbox')).status).toBe(403);
  });

  it('refuses the self-registration in production mode', async () => {
    const deps = composeIdentityDeps({ infra: p.infra, config: { ...p.config, mode: 'production' } });
    const refused = await registerInDevRegistry({
      deps,
      actor: { accountId: officer.accountId!, role: 'borrower_individual' },
      name: '张三',
      idNumber: idNumberFor('19900101'),
      photo: undefined,
    }).catch((e: unknown) => e);
    expect(isAppError(refused, 'DEVELOPMENT_ONLY')).toBe(true);
    expect(deps.smsOutbox).toBeUndefined();
  });

  it('keeps ID numbers, names and phone numbers out of every table of the raw database', async () => {
    const mobile = '13987654321';
    const idNumber = idNumberFor('19950505', '246');
    const { c } = await pastPhone({ name: '司马相如', idNumber, mobile, person: 'S' });
    for (const kind of ['credit_inquiry', 'recording', 'face_data', 'face_image_retention'])
      await consent(c, kind);
    const check = await c.call('POST', '/api/identity/face-checks', {});
    await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, {
      frames: framesFor('S', check.body.challenge),
    });
    await p.app.ledgerIntegrator?.tick();

    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
      p.infra.database.db,
    );
    expect(tables.rows.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        'identity_registry',
        'identity_verifications',
        'phone_codes',
        'sms_outbox',
        'consents',
        'face_checks',
      ]),
    );
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = (
        await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(
          p.infra.database.db,
        )
      ).rows;
      // Bytes are searched as text too (ledger leaves are UTF-8 JSON; sealed values must show nothing).
      dump += JSON.stringify(rows, (_k, v: unknown) =>
        v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
          ? Buffer.from((v as { data: number[] }).data).toString('latin1')
          : v instanceof Uint8Array
            ? Buffer.from(v).toString('latin1')
            : v,
      );
    }
    expect(dump).toContain('identity.check');
    expect(dump.length).toBeGreaterThan(5000);
    for (const secret of [idNumber, '司马相如', mobile, Buffer.from('司马相如').toString('latin1')])
      expect(dump).not.toContain(secret);
  });
});
