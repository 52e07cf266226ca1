import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  baseUrl,
  chooseOption,
  fill,
  launchChromium,
  newDesktopPage,
  newPhonePage,
  staffCredentials,
} from './support/browser';
import { idNumberForAge, minimalPdf, randomMobile } from './support/test-data';

// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to a temp dir,
// so that a test run leaves the work tree as it found it.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
  : `${mkdtempSync(join(tmpdir(), 'mq-e2e-shots-'))}/`;

/** Uncaught exceptions in the page fail the test even when the UI looks right. */
function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return errors;
}

describe('a borrower applies on a phone; a loan officer finds the application in the work queue', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('registers, applies step by step, uploads documents, submits, and staff see the screening', async () => {
    const mobile = randomMobile();
    const borrower = await newPhonePage(browser);
    const borrowerErrors = collectPageErrors(borrower);

    // Register: the app opens on the login page when nobody is logged in.
    await borrower.goto(`${baseUrl()}/`);
    await borrower.getByTestId('go-register').click();
    await fill(borrower, 'register-mobile', mobile);
    await fill(borrower, 'register-display-name', '测试借款人');
    await fill(borrower, 'register-password', 'a long borrower passphrase');
    await fill(borrower, 'register-password-confirm', 'a long borrower passphrase');
    await borrower.getByTestId('register-submit').click();

    // New application for the personal consumer loan.
    await borrower.getByTestId('new-application').click();
    await borrower.getByTestId('choose-product-personal-consumer').click();

    // Step 1: loan terms.
    await fill(borrower, 'app-amount', '50000');
    await fill(borrower, 'app-term-months', '24');
    await chooseOption(borrower, 'app-repayment-method', 'equal_installment');
    await chooseOption(borrower, 'app-purpose', 'consumption');
    await fill(borrower, 'app-purpose-detail', '购置家电');
    await borrower.getByTestId('next-step').click();

    // Step 2: applicant (the first "next" saved the draft).
    await fill(borrower, 'app-full-name', '测试借款人');
    await fill(borrower, 'app-id-number', idNumberForAge(30));
    await fill(borrower, 'app-mobile', mobile);
    await fill(borrower, 'app-address', '北京市朝阳区建国路 1 号');
    await borrower.getByTestId('next-step').click();

    // Step 3: employment and income.
    await chooseOption(borrower, 'app-employment-status', 'employed');
    await fill(borrower, 'app-employer', '示例科技有限公司');
    await fill(borrower, 'app-monthly-income', '20000');
    await fill(borrower, 'app-years-employed', '6');
    await fill(borrower, 'app-existing-monthly-repayment', '0');
    await fill(borrower, 'app-existing-debt-total', '0');
    await borrower.getByTestId('next-step').click();

    // Step 4: the product's required documents.
    for (const kind of ['id_card_copy', 'income_proof']) {
      await borrower
        .getByTestId(`upload-${kind}`)
        .locator('input[type=file]')
        .setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: minimalPdf(kind) });
      await expect
        .poll(() => borrower.getByTestId(`required-document-${kind}`).getAttribute('data-uploaded'), {
          timeout: 15_000,
        })
        .toBe('true');
    }
    await borrower.getByTestId('next-step').click();

    // Step 5: review shows nothing missing; submit.
    await borrower.getByTestId('ready-to-submit').waitFor();
    const reference = (await borrower.getByTestId('wizard-reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/\S/);
    await borrower.getByTestId('submit-application').click();

    // The application's page: screened at once, and this data passes every rule.
    await borrower.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await borrower.getByTestId('screening-result').waitFor();
    const status = await borrower.getByTestId('status-tag').getAttribute('data-status');
    const ruleTexts = await borrower.getByTestId('screening-rule').allInnerTexts();
    expect(status, `screening said:\n${ruleTexts.join('\n')}`).toBe('under_review');
    expect(await borrower.getByTestId('screening-decision').getAttribute('data-decision')).toBe('pass');
    expect(await borrower.getByTestId('application-reference').textContent()).toBe(reference);
    // Let the upload toasts fade first: they would cover the page's title in the README picture.
    await expect.poll(() => borrower.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await borrower.screenshot({ path: `${screenshots}borrower-application.png` });

    // A loan officer logs in on a desktop and finds the application by its reference.
    const officer = await newDesktopPage(browser);
    const officerErrors = collectPageErrors(officer);
    const { mobile: officerMobile, password: officerPassword } = staffCredentials();
    await officer.goto(`${baseUrl()}/`);
    await fill(officer, 'login-mobile', officerMobile);
    await fill(officer, 'login-password', officerPassword);
    await officer.getByTestId('login-submit').click();
    await officer.getByTestId('queue-table').getByTestId('queue-open').first().waitFor();
    await officer.screenshot({ path: `${screenshots}staff-queue.png` });

    await fill(officer, 'queue-search', reference);
    await officer.getByTestId('queue-search').press('Enter');
    await officer.waitForURL((url) => url.searchParams.get('q') === reference);
    const rows = officer.getByTestId('queue-table').getByTestId('queue-open');
    await expect.poll(() => rows.allInnerTexts(), { timeout: 15_000 }).toEqual([reference]);
    await rows.first().click();

    // The staff view of the application shows its screening, rule by rule.
    await officer.getByTestId('screening-result').waitFor();
    expect(await officer.getByTestId('application-reference').textContent()).toBe(reference);
    expect(await officer.getByTestId('screening-decision').getAttribute('data-decision')).toBe('pass');
    expect(await officer.getByTestId('screening-rule').count()).toBeGreaterThan(0);
    expect(await officer.getByTestId('document-item').count()).toBe(2);

    expect(borrowerErrors).toEqual([]);
    expect(officerErrors).toEqual([]);
  }, 180_000);
});
