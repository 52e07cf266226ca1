import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode } from '../../src/core/identity/totp';
import { individualDetails } from '../support/fixtures';
import { baseUrl, fill, launchChromium, newPhonePage } from './support/browser';
import { apiPost, freshCode } from './support/session';
import { randomMobile } from './support/test-data';

/** Screenshots for a human look, in a temp dir (the work tree stays as it was). */
const screenshots = mkdtempSync(join(tmpdir(), 'mq-e2e-security-'));

/** Uncaught exceptions in the page fail the test even when the UI looks right. */
function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return errors;
}

async function logInWithPassword(page: Page, mobile: string, password: string): Promise<void> {
  await fill(page, 'login-mobile', mobile);
  await fill(page, 'login-password', password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('second-factor').waitFor();
}

describe('a borrower’s account security: an authenticator app, a passkey, closing the account', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('enrols TOTP, logs in with the second step, adds a passkey (virtual authenticator) and logs in with it', async () => {
    const mobile = randomMobile();
    const password = 'a long borrower passphrase';
    // WebAuthn needs a secure context with a domain name: http://localhost (not 127.0.0.1).
    const origin = baseUrl().replace('127.0.0.1', 'localhost');
    const page = await newPhonePage(browser);
    const errors = collectPageErrors(page);

    // Chromium's virtual authenticator: a platform authenticator (like a phone's) that verifies the user.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });

    await page.goto(`${origin}/`);
    await page.getByTestId('go-register').click();
    await fill(page, 'register-mobile', mobile);
    await fill(page, 'register-display-name', '安全测试');
    await fill(page, 'register-password', password);
    await fill(page, 'register-password-confirm', password);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('current-user').waitFor();

    // Security settings, from the header.
    await page.getByTestId('security-link').click();
    await page.getByTestId('security-page').waitFor();
    await page.getByTestId('totp-start').click();
    await expect.poll(() => page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    const shownKey = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
    const secret = base32Decode(shownKey)!;
    expect(secret).toHaveLength(20);
    const first = await freshCode(secret, 0);
    await fill(page, 'totp-confirm-code', first.code);
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.getByTestId('recovery-code').count()).toBe(10);
    await page.screenshot({ path: join(screenshots, 'recovery-codes.png'), fullPage: true });
    await page.getByTestId('recovery-codes-done').click();
    await expect.poll(() => page.getByTestId('totp-state').innerText()).toBe('已开启');

    // Log out, log in: the password is not enough any more.
    await page.getByTestId('logout').click();
    await logInWithPassword(page, mobile, password);
    const second = await freshCode(secret, first.step);
    await fill(page, 'second-factor-totp', second.code);
    await page.getByTestId('second-factor-totp-submit').click();
    await page.getByTestId('current-user').waitFor();

    // Add a passkey (the login just proved the second factor, so no step-up dialog is needed).
    await page.getByTestId('security-link').click();
    await page.getByTestId('passkey-add').click();
    await expect.poll(() => page.getByTestId('passkey-item').count()).toBe(1);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(await page.getByTestId('session-item').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(screenshots, 'security-page.png'), fullPage: true });

    // Log out, and complete the login with the passkey (fingerprint or face unlock on a real phone).
    await page.getByTestId('logout').click();
    await logInWithPassword(page, mobile, password);
    await page.screenshot({ path: join(screenshots, 'login-second-step.png') });
    await page.getByTestId('second-factor-passkey').click();
    await page.getByTestId('current-user').waitFor();
    const after = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(after.credentials[0]!.signCount).toBeGreaterThan(0);

    expect(errors).toEqual([]);
  });

  it('closing the account is refused while an application is open, then erases it: logged out, the old password fails', async () => {
    const mobile = randomMobile();
    const password = 'a long closing passphrase';
    const page = await newPhonePage(browser);
    const errors = collectPageErrors(page);

    await page.goto(`${baseUrl()}/`);
    await page.getByTestId('go-register').click();
    await fill(page, 'register-mobile', mobile);
    await fill(page, 'register-display-name', '注销测试');
    await fill(page, 'register-password', password);
    await fill(page, 'register-password-confirm', password);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('current-user').waitFor();
    // A draft application: still going on, so the account may not be closed yet.
    const draft = await apiPost(page, '/api/applications', {
      kind: 'individual',
      details: individualDetails({ applicant: { fullName: '注销测试', mobile } }),
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const reference = draft.body.reference as string;

    await page.getByTestId('security-link').click();
    await page.getByTestId('security-page').waitFor();
    const card = page.getByTestId('close-account-card');
    await card.waitFor();

    // A wrong password is refused in the dialog.
    await page.getByTestId('close-account-start').click();
    await fill(page, 'close-account-password', 'not my password at all');
    await fill(page, 'close-account-confirm-text', '注销');
    await page.getByTestId('close-account-submit').click();
    await expect.poll(() => page.getByTestId('form-error').innerText()).toContain('当前密码不正确');

    // The right password: refused while the draft is open, which the card names.
    await fill(page, 'close-account-password', password);
    await page.getByTestId('close-account-submit').click();
    const openMatters = card.getByTestId('close-account-open-matters');
    await openMatters.waitFor();
    expect(await openMatters.getByTestId('close-account-open-application').allInnerTexts()).toEqual([
      reference,
    ]);
    await page.screenshot({ path: join(screenshots, 'close-account-open-matters.png'), fullPage: true });
    expect((await page.request.get(`${baseUrl()}/api/session`)).status()).toBe(200);

    // Withdrawn, it no longer stands in the way.
    const withdrawn = await apiPost(page, `/api/applications/${draft.body.id}/withdraw`, {
      reason: '不再需要',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);
    await page.getByTestId('close-account-start').click();
    await fill(page, 'close-account-password', password);
    await fill(page, 'close-account-confirm-text', '注销');
    await page.screenshot({ path: join(screenshots, 'close-account-dialog.png') });
    await page.getByTestId('close-account-submit').click();

    // Logged out, on the login page, which says why.
    await page.getByTestId('account-closed-notice').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.getByTestId('current-user').count()).toBe(0);
    expect((await page.request.get(`${baseUrl()}/api/session`)).status()).toBe(401);
    await page.screenshot({ path: join(screenshots, 'account-closed.png') });

    // The old password no longer opens the account.
    await fill(page, 'login-mobile', mobile);
    await fill(page, 'login-password', password);
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('form-error').innerText()).toContain('手机号或密码错误');
    expect(await page.getByTestId('current-user').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/login');

    expect(errors).toEqual([]);
  });
});
