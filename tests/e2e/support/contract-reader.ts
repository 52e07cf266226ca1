import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openMenuItem } from './open-menu-item';
import { passStepUpIfAsked, type Authenticator } from './second-factor';

/**
 * A party opens their first contract from "我的合同", has every page on screen until the server records
 * it read, confirms the intent and signs with the second factor; waits for the verification report.
 */
export async function readEveryPageAndSign(page: Page, auth: Authenticator): Promise<void> {
  await openMenuItem(page, 'nav-contracts');
  await page.getByTestId('my-contracts-page').waitFor();
  await page.getByTestId('contract-item').first().click();
  await page.getByTestId('contract-page').waitFor();
  const indicator = page.getByTestId('reader-page-indicator');
  await expect.poll(() => indicator.getAttribute('data-page-count'), { timeout: 30_000 }).not.toBe('0');
  const pageCount = Number(await indicator.getAttribute('data-page-count'));
  for (let n = 1; n <= pageCount; n++) {
    await expect.poll(() => indicator.getAttribute('data-page')).toBe(String(n));
    await expect.poll(() => indicator.getAttribute('data-rendered'), { timeout: 20_000 }).toBe('true');
    await page.getByTestId('reader-canvas').scrollIntoViewIfNeeded();
    await expect
      .poll(() => page.getByTestId('reader-page-state').getAttribute('data-read'), { timeout: 15_000 })
      .toBe('true');
    if (n < pageCount) await page.getByTestId('reader-next').click();
  }
  await expect
    .poll(() => page.getByTestId('read-progress').getAttribute('data-read'))
    .toBe(String(pageCount));
  await page.getByTestId('sign-intent').click();
  await page.getByTestId('sign-submit').click();
  await passStepUpIfAsked(page, auth, () => page.getByTestId('sign-done').isVisible());
}
