import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { openSession } from '../../src/features/accounts/open-session';
import { composeAccountsDeps } from '../../src/http/compose-deps';
import { creditCodeFor, idNumberFor } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';

/**
 * Sessions and their tokens (ASVS 3.3.x, 7.2–7.4; 6.5.x for one-time codes; MLPS 8.1.4.1) in the
 * production cookie configuration (COOKIE_SECURE on, the default): the cookie's attributes, the
 * tokens' randomness, a fresh token at every login, the idle and absolute timeouts, no token left
 * usable after logout, disabling or revocation, forged cross-site state changes refused on every
 * route, one-time codes used once and expiring, and the login lockout at the limit the README states.
 */
describe.each(dbTargets())('sessions on %s', (target) => {
  let p: TestPlatform;
  /** How far the app's clock has been moved (TOTP codes are computed for the app's time). */
  let offset = 0;
  const advance = (ms: number) => {
    offset += ms;
    p.advanceClock(ms);
  };
  const appNow = () => new Date(Date.now() + offset);
  /** Every session token the server handed out over HTTP in this suite. */
  const issued: string[] = [];
  /** Every session Set-Cookie header seen (registration, login, second-factor logins, staff). */
  const seenCookies: string[] = [];
  const cookieName = '__Host-mq_session';
  const staffPassword = 'staff passphrase 2026';
  let adminMobile: string;
  let seq = 0;

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    expect(p.config.cookieSecure).toBe(true);
    adminMobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile: adminMobile, password: staffPassword, displayName: '管理员', role: 'admin' },
    });
  });
  afterAll(() => p?.close());

  /** The session cookie a response set (and records its token). */
  const sessionCookie = (headers: Record<string, unknown>) => {
    const all = [headers['set-cookie'] ?? []].flat() as string[];
    const c = all.find((x) => x.startsWith(`${cookieName}=`));
    const value = c?.split(';')[0]!.slice(cookieName.length + 1);
    if (value) issued.push(value);
    if (c) seenCookies.push(c);
    return { header: c, value };
  };
  const borrower = async () => {
    const c = new TestClient(p.app);
    const mobile = uniqueMobile();
    const r = await c.register({ mobile });
    expect(r.status).toBe(201);
    sessionCookie(r.headers);
    return { c, mobile };
  };
  const login = async (mobile: string, password = 'a long enough passphrase') => {
    const c = new TestClient(p.app);
    const r = await c.login(mobile, password);
    if (r.status === 200) sessionCookie(r.headers);
    return { c, r };
  };
  const admin = async () => (await login(adminMobile, staffPassword)).c;
  const expectHostCookie = (h: string) => {
    const attrs = h.split(';').map((a) => a.trim().toLowerCase());
    expect(h.startsWith(`${cookieName}=`)).toBe(true);
    expect(attrs).toContain('secure');
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/');
    expect(attrs.some((a) => a.startsWith('domain'))).toBe(false);
  };
  const isAlive = async (c: TestClient) => (await c.call('GET', '/api/session')).status === 200;

  it('sets a __Host- cookie: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain; clears it the same way', async () => {
    const c = new TestClient(p.app);
    const mobile = uniqueMobile();
    const registered = await c.register({ mobile });
    const headers: string[] = [sessionCookie(registered.headers).header!];
    const loggedIn = await c.login(mobile, 'a long enough passphrase');
    headers.push(sessionCookie(loggedIn.headers).header!);
    const out = await c.call('DELETE', '/api/session');
    expect(out.status).toBe(200);
    const cleared = ([out.headers['set-cookie']].flat() as string[]).find((x) => x.startsWith(cookieName))!;
    for (const h of [...headers, cleared]) expectHostCookie(h);
    // The clearing cookie expires at once (a __Host- cookie is only replaced when Secure and Path=/ match).
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    console.log(
      `sessions[${target}]: ${headers.length + 1} Set-Cookie headers checked, all __Host-/Secure/HttpOnly/SameSite=Strict/Path=/`,
    );
  });

  it('issues a new token at every login, never the one the browser already had', async () => {
    const { c, mobile } = await borrower();
    const before = c.cookie!;
    const again = await c.login(mobile, 'a long enough passphrase');
    expect(again.status).toBe(200);
    const after = sessionCookie(again.headers).value!;
    expect(`${cookieName}=${after}`).not.toBe(before);
    // Session fixation: a token planted before login is neither adopted nor made valid.
    const planted = randomBytes(32).toString('base64url');
    const victim = new TestClient(p.app);
    victim.cookie = `${cookieName}=${planted}`;
    const res = await victim.login(mobile, 'a long enough passphrase');
    expect(res.status).toBe(200);
    expect(sessionCookie(res.headers).value).not.toBe(planted);
    const attacker = new TestClient(p.app);
    attacker.cookie = `${cookieName}=${planted}`;
    expect(await isAlive(attacker)).toBe(false);
    // A login waiting for its second factor: proving it replaces the pending token, which dies.
    const enrolled = await login(mobile);
    const enrolment = await enrolled.c.call('POST', '/api/security/totp/enrolment');
    const confirmed = await enrolled.c.call('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret: base32Decode(enrolment.body.secret)!, at: appNow() }),
    });
    expect(confirmed.status).toBe(200);
    const pending = await login(mobile);
    expect(pending.r.body.secondFactorRequired).toBe(true);
    const pendingToken = pending.c.cookie!;
    const proved = await pending.c.call('POST', '/api/security/step-up/recovery-code', {
      code: confirmed.body.recoveryCodes[0],
    });
    expect(proved.status).toBe(200);
    expect(pending.c.cookie).not.toBe(pendingToken);
    sessionCookie(proved.headers);
    const stale = new TestClient(p.app);
    stale.cookie = pendingToken;
    expect(await isAlive(stale)).toBe(false);
    expect(await isAlive(pending.c)).toBe(true);
  });

  it('makes tokens of 256 random bits: all distinct, every bit position balanced', async () => {
    // The HTTP tokens of this suite, and 1,000 more from openSession (the login's own code after the
    // password check; Argon2id makes 1,000 HTTP logins too slow for the budget).
    const deps = composeAccountsDeps({ infra: p.infra, config: p.config, clock: appNow });
    const account = (await p.infra.accounts.findCredentialsByMobile(adminMobile))!.account;
    const tokens = [...issued];
    for (let i = 0; i < 1000; i++) tokens.push((await openSession({ deps, account, userAgent: null })).token);
    expect(issued.length).toBeGreaterThanOrEqual(5);
    expect(new Set(tokens).size).toBe(tokens.length);
    const bytes = tokens.map((t) => Buffer.from(t, 'base64url'));
    for (const [i, t] of tokens.entries()) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(bytes[i]!.length).toBe(32);
    }
    // Each of the 256 bit positions is 1 in about half the tokens (within 5 standard deviations).
    const n = tokens.length;
    const sd = Math.sqrt(n / 4);
    let worst = 0;
    for (let bit = 0; bit < 256; bit++) {
      let ones = 0;
      for (const b of bytes) ones += (b[bit >> 3]! >> (7 - (bit & 7))) & 1;
      worst = Math.max(worst, Math.abs(ones - n / 2) / sd);
    }
    expect(worst).toBeLessThan(5);
    // Shannon entropy of the characters (base64url carries at most 6 bits each).
    const counts = new Map<string, number>();
    let chars = 0;
    for (const t of tokens)
      for (const ch of t.slice(0, 42)) {
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        chars++;
      }
    const perChar = [...counts.values()].reduce((h, k) => h - (k / chars) * Math.log2(k / chars), 0);
    expect(perChar).toBeGreaterThan(5.95);
    console.log(
      `sessions[${target}]: ${n} tokens (${issued.length} over HTTP), all distinct, 256 bits each ` +
        `(≥128 required), ${perChar.toFixed(3)} bits/char measured, worst bit bias ${worst.toFixed(2)} σ`,
    );
  });

  it('leaves no token usable after logout, disabling, or revoking sessions', async () => {
    const { c, mobile } = await borrower();
    const token = c.cookie!;
    const second = (await login(mobile)).c;
    const third = (await login(mobile)).c;
    expect(await isAlive(c)).toBe(true);
    expect((await c.call('DELETE', '/api/session')).status).toBe(200);
    expect(c.cookie).toBeUndefined();
    const replayed = new TestClient(p.app);
    replayed.cookie = token;
    expect(await isAlive(replayed)).toBe(false);
    expect(await isAlive(second)).toBe(true);
    // One session ends the others ("log out everywhere else").
    const others = await second.call('DELETE', '/api/security/sessions');
    expect(others.body.revoked).toBeGreaterThanOrEqual(1);
    expect(await isAlive(third)).toBe(false);
    expect(await isAlive(second)).toBe(true);
    // An administrator disables the account: every session dies and logging in is refused.
    const fourth = (await login(mobile)).c;
    const a = await admin();
    expect(
      (await a.call('PUT', `/api/admin/accounts/${second.accountId}/disabled`, { isDisabled: true })).status,
    ).toBe(200);
    expect(await isAlive(second)).toBe(false);
    expect(await isAlive(fourth)).toBe(false);
    const refused = await login(mobile);
    expect(refused.r.status).toBe(403);
    expect(refused.r.body.error.code).toBe('ACCOUNT_DISABLED');
    // Re-enabling does not bring old tokens back.
    expect(
      (await a.call('PUT', `/api/admin/accounts/${second.accountId}/disabled`, { isDisabled: false })).status,
    ).toBe(200);
    expect(await isAlive(second)).toBe(false);
    expect(await isAlive(fourth)).toBe(false);
  });

  it('leaves no token usable after a password change, and the old password no longer logs in', async () => {
    const { c, mobile } = await borrower();
    const other = (await login(mobile)).c;
    const change = (body: object) => c.call('POST', '/api/session/password', body);
    // The current password must be right (and a wrong one counts towards the lockout); the new one
    // must pass the rules and differ. Nothing changes on a refusal.
    const wrong = await change({
      currentPassword: 'not my passphrase',
      newPassword: 'a brand new passphrase',
    });
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'CURRENT_PASSWORD_WRONG']);
    const same = await change({
      currentPassword: 'a long enough passphrase',
      newPassword: 'a long enough passphrase',
    });
    expect([same.status, same.body.error.code]).toEqual([422, 'WEAK_PASSWORD']);
    const weak = await change({ currentPassword: 'a long enough passphrase', newPassword: '1234567890' });
    expect([weak.status, weak.body.error.code]).toEqual([422, 'WEAK_PASSWORD']);
    expect([await isAlive(c), await isAlive(other)]).toEqual([true, true]);
    const mine = c.cookie!;
    const changed = await change({
      currentPassword: 'a long enough passphrase',
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ ok: true, sessionsEnded: 2 });
    expect(String(changed.headers['set-cookie'])).toContain(`${cookieName}=;`);
    // Every token issued before the change is dead, this one's too (replayed by hand: the client dropped it).
    expect(c.cookie).toBeUndefined();
    expect(await isAlive(other)).toBe(false);
    const replayed = new TestClient(p.app);
    replayed.cookie = mine;
    expect(await isAlive(replayed)).toBe(false);
    expect((await login(mobile)).r.status).toBe(401);
    expect((await login(mobile, 'a brand new passphrase')).r.status).toBe(200);
  });

  it('refuses forged cross-site state changes on every route', async () => {
    const clients = new Map<string, TestClient>();
    const b = await borrower();
    clients.set('borrower_individual', b.c);
    clients.set('authenticated', b.c);
    const e = new TestClient(p.app);
    await e.register({
      role: 'borrower_enterprise',
      displayName: '钱七',
      enterprise: {
        companyName: '某某有限公司',
        creditCode: creditCodeFor('91310000MA1K00004'),
        actingAs: 'authorised_agent',
      },
    });
    for (const role of ['loan_officer', 'risk_officer', 'approver', 'admin']) {
      const mobile = uniqueMobile();
      await createStaffAccount({
        deps: p.infra,
        input: { mobile, password: staffPassword, displayName: role, role: role as 'admin' },
      });
      clients.set(role, (await login(mobile, staffPassword)).c);
    }
    const routes = p.app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !['GET', 'HEAD', 'OPTIONS'].includes(r.method),
    );
    const failures: string[] = [];
    let forged = 0;
    const ownOrigin = 'http://localhost:80';
    const evil = 'https://evil.example';
    // Logging out comes last: it ends the session the other forgeries ride on.
    for (const r of routes.sort(
      (x, y) => Number(x.url === '/api/session') - Number(y.url === '/api/session'),
    )) {
      const access = r.access as 'public' | 'authenticated' | string[];
      const role = access === 'public' || access === 'authenticated' ? 'authenticated' : access[0]!;
      const c = clients.get(role) ?? e;
      const url = r.url.replace(/:([A-Za-z]+)/g, (_, n: string) =>
        ['page', 'index', 'size'].includes(n) ? '1' : n === 'code' ? 'x' : randomUUID(),
      );
      const raw = (headers: Record<string, string>) =>
        p.app.inject({
          method: r.method as 'POST',
          url: url.replace('/*', '/x'),
          headers: {
            'content-type': 'application/json',
            ...(access === 'public' ? {} : { cookie: c.cookie! }),
            ...headers,
          },
          payload: '{}',
        });
      const attempts: [string, Record<string, string>][] = [
        ['foreign Origin, cross-site', { origin: evil, 'sec-fetch-site': 'cross-site' }],
        // Even with the right token: the Origin alone is enough to refuse.
        ['foreign Origin with token', { origin: evil, ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) }],
        ['Origin "null"', { origin: 'null' }],
      ];
      // Without an Origin a request is a browser only if it carries the cookie: then the token is needed.
      if (access !== 'public') attempts.push(['cookie, no Origin, no token', {}]);
      for (const [what, headers] of attempts) {
        const res = await raw(headers);
        forged++;
        if (res.statusCode !== 403 || res.json().error?.code !== 'CSRF_TOKEN_INVALID')
          failures.push(`${r.method} ${r.url} (${what}) → ${res.statusCode} ${res.body.slice(0, 80)}`);
      }
      // The same call from the site itself gets past the CSRF check (so the refusals above are real).
      if (r.url !== '/api/session' || r.method !== 'DELETE') {
        const ok = await raw({ origin: ownOrigin, ...(c.csrf ? { 'x-csrf-token': c.csrf } : {}) });
        if (ok.statusCode === 403 && ok.json().error?.code === 'CSRF_TOKEN_INVALID')
          failures.push(`${r.method} ${r.url} (own origin) → refused as CSRF`);
      }
    }
    console.log(
      `sessions[${target}]: ${routes.length} state-changing routes, ${forged} forged requests, ${forged - failures.length} refused`,
    );
    expect(failures).toEqual([]);
  });

  it('uses one-time codes once, and not after they expire', async () => {
    // SMS code (5 minutes, phoneCodePolicy).
    const outboxCode = async (mobile: string) => {
      const outbox = await (await admin()).call('GET', '/api/admin/sms-outbox');
      const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
      const m = outbox.body.items.find((x: { mobileMasked: string }) => x.mobileMasked === masked);
      return /(\d{6})/.exec(m.text)![1]!;
    };
    const pastAuthority = async () => {
      const b = await borrower();
      const name = '张三';
      const idNumber = idNumberFor('19900307', String(200 + seq++));
      expect((await b.c.call('POST', '/api/identity/dev/registry', { name, idNumber })).status).toBe(201);
      expect((await b.c.consent('personal_information')).status).toBe(201);
      const started = await b.c.call('POST', '/api/identity/verification', { name, idNumber });
      expect(started.body.verification.status).toBe('authority_passed');
      expect(
        (await b.c.call('POST', '/api/identity/verification/phone-code', { mobile: b.mobile })).status,
      ).toBe(200);
      return { ...b, code: await outboxCode(b.mobile) };
    };
    const verify = (c: TestClient, code: string) =>
      c.call('POST', '/api/identity/verification/phone-code/verify', { code });
    const once = await pastAuthority();
    expect((await verify(once.c, once.code)).status).toBe(200);
    expect((await verify(once.c, once.code)).status).toBeGreaterThanOrEqual(400);
    const late = await pastAuthority();
    advance(301_000);
    const expired = await verify(late.c, late.code);
    expect([expired.status, expired.body.error.code]).toEqual([410, 'PHONE_CODE_EXPIRED']);

    // TOTP step-up (a 30-second step, ±1 step): a code is accepted once; an old one never.
    const t = await borrower();
    const enrolment = await t.c.call('POST', '/api/security/totp/enrolment');
    const secret = base32Decode(enrolment.body.secret)!;
    const confirmed = await t.c.call('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret, at: appNow() }),
    });
    expect(confirmed.status).toBe(200);
    advance(31_000);
    const code = totpCode({ secret, at: appNow() });
    const first = await t.c.call('POST', '/api/security/step-up/totp', { code });
    expect(first.status).toBe(200);
    const replay = await t.c.call('POST', '/api/security/step-up/totp', { code });
    expect([replay.status, replay.body.error.code]).toEqual([422, 'SECOND_FACTOR_INVALID']);
    const stale = totpCode({ secret, at: new Date(appNow().getTime() - 95_000) });
    const old = await t.c.call('POST', '/api/security/step-up/totp', { code: stale });
    expect(old.body.error?.code).toBe('SECOND_FACTOR_INVALID');
    // Recovery codes: each once.
    const recovery = confirmed.body.recoveryCodes[0];
    expect((await t.c.call('POST', '/api/security/step-up/recovery-code', { code: recovery })).status).toBe(
      200,
    );
    const again = await t.c.call('POST', '/api/security/step-up/recovery-code', { code: recovery });
    expect(again.body.error?.code).toBe('SECOND_FACTOR_INVALID');
    console.log(
      `sessions[${target}]: SMS code and TOTP step and recovery code each refused on reuse; SMS code refused after 301 s, TOTP code of 95 s ago refused`,
    );
  });

  it(`locks an account at the README's limit (LOCKOUT_THRESHOLD failures in a row) for LOCKOUT_MINUTES`, async () => {
    const { threshold, minutes } = { threshold: p.config.lockoutThreshold, minutes: p.config.lockoutMinutes };
    expect([threshold, minutes]).toEqual([5, 15]); // the defaults the README documents
    const { mobile } = await borrower();
    const wrong = () => login(mobile, 'not the passphrase');
    // One short of the limit, then the right password: accepted, and the count starts again.
    for (let i = 0; i < threshold - 1; i++) expect((await wrong()).r.status).toBe(401);
    expect((await login(mobile)).r.status).toBe(200);
    for (let i = 0; i < threshold - 1; i++) expect((await wrong()).r.status).toBe(401);
    expect((await login(mobile)).r.status).toBe(200);
    // The limit: locked, the right password refused too, for the lockout time.
    for (let i = 0; i < threshold; i++) expect((await wrong()).r.body.error.code).toBe('INVALID_CREDENTIALS');
    const locked = await login(mobile);
    expect([locked.r.status, locked.r.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect(Number(locked.r.headers['retry-after'])).toBeGreaterThan((minutes - 1) * 60);
    advance((minutes - 1) * 60_000);
    expect((await login(mobile)).r.body.error?.code).toBe('ACCOUNT_LOCKED');
    advance(61_000);
    expect((await login(mobile)).r.status).toBe(200);
    console.log(
      `sessions[${target}]: lockout after ${threshold} failures in a row, lifted after ${minutes} min`,
    );
  });

  it('ends sessions after the idle timeout and the absolute timeout', async () => {
    const idle = p.config.sessionIdleMinutes;
    const absolute = p.config.sessionAbsoluteHours;
    expect([idle, absolute]).toEqual([30, 12]);
    const { mobile } = await borrower();
    // Idle: activity slides the timeout; a pause longer than it ends the session.
    const a = (await login(mobile)).c;
    advance((idle - 1) * 60_000);
    expect(await isAlive(a)).toBe(true);
    advance((idle - 1) * 60_000);
    expect(await isAlive(a)).toBe(true);
    advance((idle + 1) * 60_000);
    expect(await isAlive(a)).toBe(false);
    // Absolute: busy all day, still over after `absolute` hours.
    const b = (await login(mobile)).c;
    let elapsed = 0;
    let requests = 0;
    const step = (idle - 5) * 60_000;
    while (elapsed + step < absolute * 3_600_000) {
      advance(step);
      elapsed += step;
      requests++;
      expect(await isAlive(b)).toBe(true);
    }
    advance(absolute * 3_600_000 - elapsed + 1_000);
    expect(await isAlive(b)).toBe(false);
    console.log(
      `sessions[${target}]: idle timeout ${idle} min and absolute ${absolute} h enforced (${requests} requests kept it alive until then)`,
    );
  });

  it('set every session cookie of the suite the same strict way', () => {
    expect(seenCookies.length).toBeGreaterThan(20);
    for (const h of seenCookies) expectHostCookie(h);
    console.log(
      `sessions[${target}]: ${seenCookies.length} session Set-Cookie headers, 100% __Host-/Secure/HttpOnly/SameSite=Strict/Path=/, no Domain`,
    );
  });
});
