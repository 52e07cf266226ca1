import type { Page } from 'playwright-core';
import { totpCode, totpStep } from '../../../src/core/identity/totp';
import { baseUrl, fill } from './browser';

/** Logs in from the home page with a password (an account without a second factor). */
export async function logIn(
  page: Page,
  { mobile, password }: { mobile: string; password: string },
): Promise<void> {
  await page.goto(`${baseUrl()}/`);
  await fill(page, 'login-mobile', mobile);
  await fill(page, 'login-password', password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('current-user').waitFor();
}

/** A JSON request with the page's session and its CSRF token, as the web app makes it. */
export async function apiPost(
  page: Page,
  path: string,
  data: unknown,
): Promise<{ status: number; body: any }> {
  const session = (await (await page.request.get(`${baseUrl()}/api/session`)).json()) as {
    csrfToken: string;
  };
  const response = await page.request.post(`${baseUrl()}${path}`, {
    headers: { 'x-csrf-token': session.csrfToken },
    data: data as Record<string, unknown>,
  });
  return { status: response.status(), body: await response.json() };
}

/**
 * A code from the authenticator app for a step later than `afterStep`: the server accepts each
 * 30-second step once, so a second proof within the same step waits for the next one, as a person would.
 */
export async function freshCode(secret: Buffer, afterStep: number): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = new Date();
    const step = totpStep({ at: now });
    if (step > afterStep) return { code: totpCode({ secret, at: now }), step };
    await new Promise((r) => setTimeout(r, 500));
  }
}
