import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { SoftAuthenticator } from '../support/soft-authenticator';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type Answer,
  type TestPlatform,
} from '../support/test-platform';

const PASSWORD = 'a long enough passphrase';
const ORIGIN = 'https://mianqian.test';
const RP_ID = 'mianqian.test';

/** Each database, and sessions in Redis too when a test Redis is configured (both session stores carry the new state). */
const setups = [
  ...dbTargets().map((target) => ({ name: target, target, redisUrl: undefined })),
  ...(process.env.TEST_REDIS_URL
    ? [
        {
          name: 'pglite with sessions in Redis',
          target: 'pglite' as const,
          redisUrl: process.env.TEST_REDIS_URL,
        },
      ]
    : []),
];

describe.each(setups)('second factors and step-up on $name', ({ target, redisUrl }) => {
  let p: TestPlatform;
  /** The app's clock runs this far ahead of the wall clock; codes are computed for the app's time. */
  let offset = 0;
  const advance = (ms: number) => {
    offset += ms;
    p.advanceClock(ms);
  };
  const codeFor = (secret: Buffer, skewMs = 0) =>
    totpCode({ secret, at: new Date(Date.now() + offset + skewMs) });
  /** The next 30-second step, so that a new code is not a replay of the last one. */
  const nextStep = () => advance(30_000);

  beforeAll(async () => {
    p = await createTestPlatform({
      target,
      overrides: {
        lockoutThreshold: 3,
        redisUrl,
        webauthnRpId: RP_ID,
        webauthnOrigins: [ORIGIN, 'https://m.mianqian.test'],
      },
    });
  });
  afterAll(() => p.close());

  /** A browser that adopts the session a proof answers with (a completed login gets a new token). */
  const adopt = (c: TestClient, a: Answer) => {
    if (a.status === 200) c.csrf = a.body.csrfToken;
    return a;
  };

  async function registered(): Promise<{ c: TestClient; mobile: string }> {
    const mobile = uniqueMobile();
    const c = new TestClient(p.app);
    expect((await c.register({ mobile })).status).toBe(201);
    return { c, mobile };
  }

  async function withTotp(): Promise<{
    c: TestClient;
    mobile: string;
    secret: Buffer;
    recoveryCodes: string[];
  }> {
    const { c, mobile } = await registered();
    const enrolment = await c.call('POST', '/api/security/totp/enrolment');
    expect(enrolment.status).toBe(200);
    const secret = base32Decode(enrolment.body.secret)!;
    const confirmed = await c.call('POST', '/api/security/totp/confirm', { code: codeFor(secret) });
    expect(confirmed.status).toBe(200);
    return { c, mobile, secret, recoveryCodes: confirmed.body.recoveryCodes };
  }

  async function pendingLogin(mobile: string): Promise<TestClient> {
    const c = new TestClient(p.app);
    const login = await c.login(mobile, PASSWORD);
    expect(login.status).toBe(200);
    expect(login.body.secondFactorRequired).toBe(true);
    return c;
  }

  it('enrols TOTP: secret, otpauth URI and QR code; a wrong code is refused; the right one turns it on with 10 recovery codes', async () => {
    const { c } = await registered();
    expect((await c.call('GET', '/api/security')).body).toMatchObject({
      isTotpEnabled: false,
      recoveryCodesLeft: 0,
      methods: [],
      passkeys: [],
    });
    const enrolment = await c.call('POST', '/api/security/totp/enrolment');
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.body.otpauthUri).toContain(`secret=${enrolment.body.secret}`);
    expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/mianqian%20%E9%9D%A2%E7%AD%BE:/);
    expect(enrolment.body.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(enrolment.body.qrCodeDataUrl.split(',')[1], 'base64').toString()).toContain('<svg');
    const secret = base32Decode(enrolment.body.secret)!;

    const wrong = String((Number(codeFor(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    const refused = await c.call('POST', '/api/security/totp/confirm', { code: wrong });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'SECOND_FACTOR_INVALID' } } });
    expect((await c.call('GET', '/api/security')).body.isTotpEnabled).toBe(false);

    const confirmed = await c.call('POST', '/api/security/totp/confirm', { code: codeFor(secret) });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    for (const code of confirmed.body.recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect((await c.call('GET', '/api/security')).body).toMatchObject({
      isTotpEnabled: true,
      recoveryCodesLeft: 10,
      methods: ['totp', 'recovery_code'],
    });
    // Enrolling again while it is on is refused (and needs a step-up first, which confirming gave).
    expect((await c.call('POST', '/api/security/totp/enrolment')).body.error.code).toBe(
      'TOTP_ALREADY_ENABLED',
    );

    // At rest: the secret is sealed and the recovery codes are keyed hashes, not the codes.
    const { rows } = await sql<{ secret_enc: string }>`
      select secret_enc from totp_secrets where account_id = ${c.accountId}`.execute(p.infra.database.db);
    expect(rows[0]!.secret_enc).not.toContain(enrolment.body.secret);
    expect(rows[0]!.secret_enc).not.toContain(secret.toString('base64'));
    const hashes = await p.infra.database.db
      .selectFrom('recovery_codes')
      .select('code_hmac')
      .where('account_id', '=', c.accountId!)
      .execute();
    expect(hashes).toHaveLength(10);
    const plain = confirmed.body.recoveryCodes.map((x: string) => x.replace(/-/g, ''));
    for (const h of hashes) expect(plain).not.toContain(h.code_hmac);
  });

  it('makes the login pending: only the second-factor routes and logout answer until the right code, which works once', async () => {
    const { mobile, secret } = await withTotp();
    nextStep();
    const c = await pendingLogin(mobile);
    const pendingCookie = c.cookie;
    const login = await new TestClient(p.app).login(mobile, PASSWORD);
    expect(login.body.secondFactorMethods).toEqual(['totp', 'recovery_code']);

    for (const [method, url] of [
      ['GET', '/api/session'],
      ['GET', '/api/applications'],
      ['GET', '/api/security'],
      ['GET', '/api/security/sessions'],
      ['POST', '/api/security/totp/enrolment'],
    ] as const) {
      const r = await c.call(method, url);
      expect(r.status, `${method} ${url}`).toBe(401);
      expect(r.body.error.code).toBe('SECOND_FACTOR_PENDING');
    }

    const wrong = String((Number(codeFor(secret)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await c.call('POST', '/api/security/step-up/totp', { code: wrong });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'SECOND_FACTOR_INVALID' } } });

    const code = codeFor(secret);
    const done = adopt(c, await c.call('POST', '/api/security/step-up/totp', { code }));
    expect(done.status).toBe(200);
    expect(done.body.secondFactorRequired).toBe(false);
    expect(c.cookie).not.toBe(pendingCookie); // a new token for the authenticated session
    expect((await c.call('GET', '/api/session')).status).toBe(200);
    expect((await c.call('GET', '/api/applications')).status).toBe(200);
    const stale = new TestClient(p.app);
    stale.cookie = pendingCookie;
    expect((await stale.call('GET', '/api/session')).status).toBe(401);

    // The same code on another pending login is a replay.
    const other = await pendingLogin(mobile);
    const replay = await other.call('POST', '/api/security/step-up/totp', { code });
    expect(replay).toMatchObject({ status: 422, body: { error: { code: 'SECOND_FACTOR_INVALID' } } });
    nextStep();
    expect(
      adopt(other, await other.call('POST', '/api/security/step-up/totp', { code: codeFor(secret) })).status,
    ).toBe(200);
  });

  it('accepts each recovery code once', async () => {
    const { mobile, recoveryCodes } = await withTotp();
    const c = await pendingLogin(mobile);
    // Typed in lower case with spaces: still the code.
    const typed = recoveryCodes[3]!.toLowerCase().replace(/-/g, ' ');
    expect(
      adopt(c, await c.call('POST', '/api/security/step-up/recovery-code', { code: typed })).status,
    ).toBe(200);
    expect((await c.call('GET', '/api/security')).body.recoveryCodesLeft).toBe(9);
    const again = await pendingLogin(mobile);
    const reused = await again.call('POST', '/api/security/step-up/recovery-code', {
      code: recoveryCodes[3],
    });
    expect(reused).toMatchObject({ status: 422, body: { error: { code: 'SECOND_FACTOR_INVALID' } } });
    expect(
      (await again.call('POST', '/api/security/step-up/recovery-code', { code: recoveryCodes[4] })).status,
    ).toBe(200);
  });

  it('locks the account after repeated wrong second factors and ends the pending session', async () => {
    const { mobile, secret } = await withTotp();
    nextStep();
    const c = await pendingLogin(mobile);
    const wrong = String((Number(codeFor(secret)) + 7) % 1_000_000).padStart(6, '0');
    expect((await c.call('POST', '/api/security/step-up/totp', { code: wrong })).status).toBe(422);
    expect((await c.call('POST', '/api/security/step-up/totp', { code: wrong })).status).toBe(422);
    const third = await c.call('POST', '/api/security/step-up/totp', { code: wrong });
    expect(third).toMatchObject({ status: 423, body: { error: { code: 'ACCOUNT_LOCKED' } } });
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
    // The pending session is gone, and the password alone cannot start a new one while locked.
    expect((await c.call('POST', '/api/security/step-up/totp', { code: codeFor(secret) })).status).toBe(401);
    expect((await new TestClient(p.app).login(mobile, PASSWORD)).status).toBe(423);
  });

  // Its own platform (lockout off), so once is enough.
  it.runIf(target === 'pglite' && !redisUrl)('rate-limits second-factor attempts per account', async () => {
    const q = await createTestPlatform({ target: 'pglite', overrides: { lockoutThreshold: 100 } });
    try {
      const c = new TestClient(q.app);
      await c.register();
      const enrolment = await c.call('POST', '/api/security/totp/enrolment');
      const secret = base32Decode(enrolment.body.secret)!;
      await c.call('POST', '/api/security/totp/confirm', { code: totpCode({ secret, at: new Date() }) });
      const statuses = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (await c.call('POST', '/api/security/step-up/recovery-code', { code: 'AAAA-AAAA-AAAA-AAAA' }))
            .status,
        );
      expect(statuses.slice(0, 9)).toEqual(Array(9).fill(422));
      expect(statuses.slice(-2)).toEqual([429, 429]);
    } finally {
      await q.close();
    }
  });

  it('requires a step-up within 5 minutes for sensitive actions, refreshed by a second factor, and refuses accounts without one', async () => {
    const { c, secret, recoveryCodes } = await withTotp();
    // Confirming the app just proved it: a fresh step-up for 5 minutes.
    const overview = await c.call('GET', '/api/security');
    expect(overview.body.stepUpUntil).not.toBeNull();
    advance(5 * 60_000 + 1_000);
    expect((await c.call('GET', '/api/security')).body.stepUpUntil).toBeNull();

    const refused = await c.call('POST', '/api/security/recovery-codes');
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: 'STEP_UP_REQUIRED', details: { methods: ['totp', 'recovery_code'] } } },
    });
    expect(
      adopt(c, await c.call('POST', '/api/security/step-up/totp', { code: codeFor(secret) })).status,
    ).toBe(200);
    const regenerated = await c.call('POST', '/api/security/recovery-codes');
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.recoveryCodes).toHaveLength(10);
    // The old codes stopped working.
    const old = await c.call('POST', '/api/security/step-up/recovery-code', { code: recoveryCodes[0] });
    expect(old.status).toBe(422);

    // Just inside the window it still counts; just past it, it does not.
    advance(4 * 60_000 + 50_000);
    const latest = await c.call('POST', '/api/security/recovery-codes');
    expect(latest.status).toBe(200);
    advance(15_000);
    expect((await c.call('POST', '/api/security/recovery-codes')).body.error.code).toBe('STEP_UP_REQUIRED');

    // A step-up with a recovery code, then turning TOTP off.
    expect(
      adopt(
        c,
        await c.call('POST', '/api/security/step-up/recovery-code', { code: latest.body.recoveryCodes[0] }),
      ).status,
    ).toBe(200);
    expect((await c.call('DELETE', '/api/security/totp')).status).toBe(200);
    expect((await c.call('GET', '/api/security')).body).toMatchObject({
      isTotpEnabled: false,
      recoveryCodesLeft: 0,
      methods: [],
    });

    // No second factor at all: sensitive actions say to enrol one.
    const { c: plain } = await registered();
    const none = await plain.call('POST', '/api/security/recovery-codes');
    expect(none).toMatchObject({ status: 403, body: { error: { code: 'SECOND_FACTOR_NOT_ENROLLED' } } });
    // The CSRF check comes first: a forged request learns nothing.
    plain.csrf = undefined;
    expect((await plain.call('POST', '/api/security/recovery-codes')).body.error.code).toBe(
      'CSRF_TOKEN_INVALID',
    );
  });

  it('registers a passkey (user verification required), logs in with it, and refuses an assertion without UV', async () => {
    const { c, mobile } = await registered();
    const authenticator = new SoftAuthenticator();
    const options = await c.call('POST', '/api/security/passkeys/registration/options');
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({
      rp: { id: RP_ID, name: 'mianqian 面签' },
      attestation: 'none',
      authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
      excludeCredentials: [],
    });
    const credential = authenticator.createCredential(options.body, { origin: ORIGIN });
    const registered1 = await c.call('POST', '/api/security/passkeys/registration/verify', {
      name: '我的手机',
      credential,
    });
    expect(registered1.status).toBe(201);
    expect(registered1.body.passkey).toMatchObject({ name: '我的手机', lastUsedAt: null });
    expect(registered1.body.recoveryCodes).toHaveLength(10); // the first factor comes with recovery codes
    // The challenge was for one use.
    const again = await c.call('POST', '/api/security/passkeys/registration/verify', { credential });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'WEBAUTHN_CHALLENGE_INVALID' } } });
    // Registering the same authenticator again: the options exclude it.
    const more = await c.call('POST', '/api/security/passkeys/registration/options');
    expect(more.body.excludeCredentials).toEqual([
      { id: credential.id, type: 'public-key', transports: ['internal'] },
    ]);

    await c.call('DELETE', '/api/session');
    const d = await pendingLogin(mobile);
    expect((await d.call('POST', '/api/security/step-up/passkey/options')).status).toBe(200);
    // Wrong order: a fresh options call replaces the challenge; the assertion must answer the latest.
    const request = await d.call('POST', '/api/security/step-up/passkey/options');
    expect(request.body).toMatchObject({ rpId: RP_ID, userVerification: 'required' });
    expect(request.body.allowCredentials).toEqual([
      { id: credential.id, type: 'public-key', transports: ['internal'] },
    ]);

    // An authenticator that only checks presence (no fingerprint, face or PIN) is refused.
    const noUv = authenticator.getAssertion(request.body, { origin: ORIGIN, omitUserVerification: true });
    const refused = await d.call('POST', '/api/security/step-up/passkey/verify', { credential: noUv });
    expect(refused).toMatchObject({ status: 422, body: { error: { code: 'SECOND_FACTOR_INVALID' } } });

    // Another site's page (phishing) cannot produce a usable assertion either.
    const phished = authenticator.getAssertion(
      (await d.call('POST', '/api/security/step-up/passkey/options')).body,
      { origin: 'https://mianqian-login.example' },
    );
    expect(
      (await d.call('POST', '/api/security/step-up/passkey/verify', { credential: phished })).status,
    ).toBe(422);

    const assertion = authenticator.getAssertion(
      (await d.call('POST', '/api/security/step-up/passkey/options')).body,
      { origin: 'https://m.mianqian.test' },
    );
    const done = adopt(
      d,
      await d.call('POST', '/api/security/step-up/passkey/verify', { credential: assertion }),
    );
    expect(done.status).toBe(200);
    expect((await d.call('GET', '/api/session')).status).toBe(200);
    const listed = await d.call('GET', '/api/security/passkeys');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].lastUsedAt).not.toBeNull();
    // Replaying the accepted assertion: its challenge is spent.
    const replay = await d.call('POST', '/api/security/step-up/passkey/verify', { credential: assertion });
    expect(replay.body.error.code).toBe('WEBAUTHN_CHALLENGE_INVALID');

    // A passkey step-up, then deleting the passkey (a step-up route).
    advance(6 * 60_000);
    const id = listed.body.items[0].id;
    expect((await d.call('DELETE', `/api/security/passkeys/${id}`)).body.error.code).toBe('STEP_UP_REQUIRED');
    const stepUp = authenticator.getAssertion(
      (await d.call('POST', '/api/security/step-up/passkey/options')).body,
      {
        origin: ORIGIN,
      },
    );
    expect(
      (await d.call('POST', '/api/security/step-up/passkey/verify', { credential: stepUp })).status,
    ).toBe(200);
    expect((await d.call('DELETE', `/api/security/passkeys/${id}`)).status).toBe(200);
    expect((await d.call('GET', '/api/security')).body).toMatchObject({
      passkeys: [],
      methods: [],
      recoveryCodesLeft: 0,
    });
  });

  it('refuses a passkey registration without user verification', async () => {
    const { c } = await registered();
    const options = await c.call('POST', '/api/security/passkeys/registration/options');
    const credential = new SoftAuthenticator().createCredential(options.body, {
      origin: ORIGIN,
      omitUserVerification: true,
    });
    const r = await c.call('POST', '/api/security/passkeys/registration/verify', { credential });
    expect(r).toMatchObject({ status: 422, body: { error: { code: 'PASSKEY_REGISTRATION_FAILED' } } });
    expect((await c.call('GET', '/api/security/passkeys')).body.items).toEqual([]);
  });

  it('needs a step-up to add a second factor beside an existing one', async () => {
    const { c, secret } = await withTotp();
    advance(5 * 60_000 + 1_000);
    const r = await c.call('POST', '/api/security/passkeys/registration/options');
    expect(r.body.error.code).toBe('STEP_UP_REQUIRED');
    expect(
      adopt(c, await c.call('POST', '/api/security/step-up/totp', { code: codeFor(secret) })).status,
    ).toBe(200);
    expect((await c.call('POST', '/api/security/passkeys/registration/options')).status).toBe(200);
  });

  it('lists my sessions and devices and revokes one or all others; another account cannot touch them or my passkeys', async () => {
    const { c: phone, mobile } = await registered();
    const laptop = new TestClient(p.app);
    await laptop.call(
      'POST',
      '/api/session',
      { mobile, password: PASSWORD },
      { 'user-agent': 'Laptop Browser/1.0' },
    );
    laptop.csrf = (await laptop.call('GET', '/api/session')).body.csrfToken;
    const tablet = new TestClient(p.app);
    await tablet.login(mobile, PASSWORD);

    const list = await phone.call('GET', '/api/security/sessions');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.filter((s: { isCurrent: boolean }) => s.isCurrent)).toHaveLength(1);
    const laptopSession = list.body.items.find(
      (s: { userAgent: string }) => s.userAgent === 'Laptop Browser/1.0',
    );
    expect(laptopSession).toMatchObject({ isCurrent: false, isPendingSecondFactor: false });
    expect(JSON.stringify(list.body)).not.toContain(laptop.cookie!.split('=')[1]);

    // Someone else's account sees none of these and cannot end them or touch my passkey.
    const { c: stranger } = await registered();
    expect((await stranger.call('GET', '/api/security/sessions')).body.items).toHaveLength(1);
    expect(
      (await stranger.call('DELETE', `/api/security/sessions/${laptopSession.id}`)).body.error.code,
    ).toBe('SESSION_NOT_FOUND');
    expect((await laptop.call('GET', '/api/session')).status).toBe(200);
    const options = await phone.call('POST', '/api/security/passkeys/registration/options');
    const credential = new SoftAuthenticator().createCredential(options.body, { origin: ORIGIN });
    const mine = await phone.call('POST', '/api/security/passkeys/registration/verify', { credential });
    const passkeyId = mine.body.passkey.id;
    expect((await stranger.call('GET', '/api/security/passkeys')).body.items).toEqual([]);
    const rename = await stranger.call('PUT', `/api/security/passkeys/${passkeyId}/name`, { name: '偷来的' });
    expect(rename).toMatchObject({ status: 404, body: { error: { code: 'PASSKEY_NOT_FOUND' } } });
    // The stranger has a second factor of their own and a fresh step-up, and still cannot delete mine.
    const strangerOptions = await stranger.call('POST', '/api/security/passkeys/registration/options');
    await stranger.call('POST', '/api/security/passkeys/registration/verify', {
      credential: new SoftAuthenticator().createCredential(strangerOptions.body, { origin: ORIGIN }),
    });
    expect((await stranger.call('DELETE', `/api/security/passkeys/${passkeyId}`)).status).toBe(404);
    expect((await phone.call('GET', '/api/security/passkeys')).body.items).toHaveLength(1);
    expect(
      (await phone.call('PUT', `/api/security/passkeys/${passkeyId}/name`, { name: '工作手机' })).body.name,
    ).toBe('工作手机');

    // I end the laptop's session, then all the others.
    expect((await phone.call('DELETE', `/api/security/sessions/${laptopSession.id}`)).status).toBe(200);
    expect((await laptop.call('GET', '/api/session')).status).toBe(401);
    expect((await tablet.call('GET', '/api/session')).status).toBe(200);
    expect((await phone.call('DELETE', '/api/security/sessions')).body).toEqual({ revoked: 1 });
    expect((await tablet.call('GET', '/api/session')).status).toBe(401);
    expect((await phone.call('GET', '/api/session')).status).toBe(200);
    // Malformed ids are a 400, not a 500.
    expect((await phone.call('DELETE', '/api/security/sessions/not-an-id')).status).toBe(400);
    expect((await phone.call('PUT', '/api/security/passkeys/not-a-uuid/name', { name: 'x' })).status).toBe(
      400,
    );
  });

  it('keeps staff without a second factor logging in as before', async () => {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'officer passphrase', displayName: '客户经理', role: 'loan_officer' },
    });
    const c = new TestClient(p.app);
    const login = await c.login(mobile, 'officer passphrase');
    expect(login.status).toBe(200);
    expect(login.body.secondFactorRequired).toBe(false);
    expect((await c.call('GET', '/api/staff/queue')).status).not.toBe(401);
  });
});
