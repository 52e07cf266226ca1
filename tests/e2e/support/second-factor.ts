import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { base32Decode } from '../../../src/core/identity/totp';
import { fill } from './browser';
import { freshCode } from './session';

/** An enrolled authenticator app, as the test holds it. */
export interface Authenticator {
  secret: Buffer;
  /** The last step whose code was used. */
  lastStep: number;
}

/** Turns on the authenticator app on /security (from the header's link) and keeps its secret. */
export async function enrolTotp(page: Page): Promise<Authenticator> {
  await page.getByTestId('security-link').click();
  await page.getByTestId('security-page').waitFor();
  await page.getByTestId('totp-start').click();
  await expect.poll(() => page.getByTestId('totp-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
  const secret = base32Decode((await page.getByTestId('totp-secret').innerText()).replace(/\s/g, ''))!;
  const first = await freshCode(secret, 0);
  await fill(page, 'totp-confirm-code', first.code);
  await page.getByTestId('totp-confirm').click();
  await page.getByTestId('recovery-codes').waitFor();
  await page.getByTestId('recovery-codes-done').click();
  await expect.poll(() => page.getByTestId('totp-state').innerText()).toBe('已开启');
  return { secret, lastStep: first.step };
}

/**
 * After a step-up-protected action: when the second-factor dialog opens, answers it with a fresh code;
 * when the server did not need one (a recent proof), the action is simply done.
 */
export async function passStepUpIfAsked(
  page: Page,
  auth: Authenticator,
  isDone: () => Promise<boolean>,
): Promise<void> {
  const dialog = page.getByTestId('second-factor-totp');
  await expect
    .poll(async () => (await dialog.isVisible()) || (await isDone()), { timeout: 30_000 })
    .toBe(true);
  if (await dialog.isVisible()) {
    const next = await freshCode(auth.secret, auth.lastStep);
    auth.lastStep = next.step;
    await fill(page, 'second-factor-totp', next.code);
    await page.getByTestId('second-factor-totp-submit').click();
  }
  await expect.poll(isDone, { timeout: 60_000 }).toBe(true);
}
