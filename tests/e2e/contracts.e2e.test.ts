import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePdfsigOutput } from '../../src/infra/pki/parse-pdfsig-output';
import {
  baseUrl,
  fill,
  launchChromium,
  newDesktopPage,
  newPhonePage,
  staffCredentials,
} from './support/browser';
import { apiPost, logIn } from './support/session';
import { openMenuItem } from './support/open-menu-item';
import { enrolTotp, passStepUpIfAsked, type Authenticator } from './support/second-factor';
import { randomMobile } from './support/test-data';

const run = promisify(execFile);

/** Screenshots for a human look, in a temp dir (the work tree stays as it was). */
const shots = mkdtempSync(join(tmpdir(), 'mq-e2e-contracts-'));

/** Seeded for this journey only (src/cli/seed-demo.ts): identity verified, one approved application. */
const borrower = { mobile: '13800000011', password: 'signer-pass-2026' };
const guarantor = { mobile: '13800000012', password: 'guarantor-pass-2026' };
const admin = { mobile: '13900000000', password: 'admin-pass-2026' };

interface PageWatch {
  errors: Error[];
  /** Console errors, CSP violations among them ("Refused to …", "Content Security Policy"). */
  consoleErrors: string[];
}

/** Uncaught exceptions and console errors in the page fail the test even when the UI looks right. */
function watch(page: Page): PageWatch {
  const w: PageWatch = { errors: [], consoleErrors: [] };
  page.on('pageerror', (e) => w.errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  return w;
}

/** Nothing broke: no exception and no CSP violation (pdf.js with no eval and its worker from our origin). */
function expectClean(w: PageWatch): void {
  expect(w.errors).toEqual([]);
  expect(w.consoleErrors.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([]);
}

async function apiGet(page: Page, path: string): Promise<any> {
  const response = await page.request.get(`${baseUrl()}${path}`);
  expect(response.status(), path).toBe(200);
  return response.json();
}

/** A party opens the contract from "我的合同", reads every page, confirms the intent and signs. */
async function readAndSign(page: Page, auth: Authenticator, name: string): Promise<void> {
  await openMenuItem(page, 'nav-contracts');
  await page.getByTestId('my-contracts-page').waitFor();
  await page.getByTestId('contract-item').first().click();
  await page.getByTestId('contract-page').waitFor();
  const indicator = page.getByTestId('reader-page-indicator');
  await expect.poll(() => indicator.getAttribute('data-page-count'), { timeout: 30_000 }).not.toBe('0');
  const pageCount = Number(await indicator.getAttribute('data-page-count'));
  expect(pageCount).toBeGreaterThanOrEqual(2);
  // The intent cannot be ticked before every page is read.
  await expect.poll(() => page.getByTestId('sign-submit').isDisabled()).toBe(true);
  expect(await page.getByTestId('sign-intent').isDisabled()).toBe(true);

  for (let n = 1; n <= pageCount; n++) {
    await expect.poll(() => indicator.getAttribute('data-page')).toBe(String(n));
    await expect.poll(() => indicator.getAttribute('data-rendered'), { timeout: 20_000 }).toBe('true');
    // A page counts only while it is on screen, as a person scrolls to it.
    await page.getByTestId('reader-canvas').scrollIntoViewIfNeeded();
    // Recorded by the server once the page has been on screen for 1.5 s.
    await expect
      .poll(() => page.getByTestId('reader-page-state').getAttribute('data-read'), { timeout: 15_000 })
      .toBe('true');
    await expect.poll(() => page.getByTestId(`reader-page-${n}`).getAttribute('data-read')).toBe('true');
    if (n === 1) await page.screenshot({ path: join(shots, `${name}-reader.png`) });
    if (n < pageCount) await page.getByTestId('reader-next').click();
  }
  await expect
    .poll(() => page.getByTestId('read-progress').getAttribute('data-read'))
    .toBe(String(pageCount));

  await page.getByTestId('sign-intent').click();
  await page.getByTestId('sign-submit').click();
  await passStepUpIfAsked(page, auth, () => page.getByTestId('sign-done').isVisible());
  await page.getByTestId('verification-card').waitFor();
  await expect
    .poll(() => page.getByTestId('verification-valid').getAttribute('data-valid'), { timeout: 30_000 })
    .toBe('true');
  await page.screenshot({ path: join(shots, `${name}-signed.png`), fullPage: true });
}

describe('the borrower and the guarantor read and sign the contract; an approver seals it', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('prepare → read every page → intent → second factor → sign (×2) → bank seal → pdfsig valid', async () => {
    // The borrower's approved application (the seed gives this account exactly one).
    const borrowerPage = await newPhonePage(browser);
    const borrowerWatch = watch(borrowerPage);
    await logIn(borrowerPage, borrower);
    const mine = await apiGet(borrowerPage, '/api/applications');
    const approved = (mine.items as { id: string; status: string }[]).find((a) => a.status === 'approved');
    expect(approved, JSON.stringify(mine.items)).toBeDefined();
    const applicationId = approved!.id;

    // The loan officer prepares the contract with one guarantor, sequential signing.
    const officer = await newDesktopPage(browser);
    const officerWatch = watch(officer);
    await logIn(officer, staffCredentials());
    await officer.goto(`${baseUrl()}/staff/applications/${applicationId}`);
    const card = officer.getByTestId('contract-card');
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('none');
    await fill(officer, 'contract-bank-name', '中国工商银行北京朝阳支行');
    await fill(officer, 'contract-account-number', '6222020200112233445');
    await officer.getByTestId('contract-guarantor-add').click();
    await fill(officer, 'contract-guarantor-0', guarantor.mobile);
    await card.screenshot({ path: join(shots, 'officer-prepare-form.png') });
    await officer.getByTestId('contract-prepare-submit').click();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: 30_000 }).toBe('signing');
    expect(await officer.getByTestId('signer-row').count()).toBe(3);
    expect(await officer.getByTestId('contract-annualised-rate').innerText()).toMatch(/^\d+\.\d{2}%$/);
    await card.screenshot({ path: join(shots, 'officer-prepared-card.png') });

    // The borrower turns on the authenticator app, then reads and signs.
    const borrowerAuth = await enrolTotp(borrowerPage);
    await readAndSign(borrowerPage, borrowerAuth, 'borrower');
    expect(await borrowerPage.getByTestId('contract-amount').innerText()).toBe('¥50,000.00');
    expectClean(borrowerWatch);

    // The guarantor does the same.
    const guarantorPage = await newPhonePage(browser);
    const guarantorWatch = watch(guarantorPage);
    await logIn(guarantorPage, guarantor);
    const guarantorAuth = await enrolTotp(guarantorPage);
    await readAndSign(guarantorPage, guarantorAuth, 'guarantor');
    expectClean(guarantorWatch);

    // An administrator creates an approver, who turns on the second factor and applies the bank's seal.
    const adminPage = await newDesktopPage(browser);
    await logIn(adminPage, admin);
    const approver = { mobile: randomMobile(), password: 'approver-pass-2026-e2e' };
    const created = await apiPost(adminPage, '/api/admin/accounts', {
      ...approver,
      displayName: '签章审批人',
      role: 'approver',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const approverPage = await newDesktopPage(browser);
    const approverWatch = watch(approverPage);
    await logIn(approverPage, approver);
    const approverAuth = await enrolTotp(approverPage);
    await approverPage.goto(`${baseUrl()}/staff/applications/${applicationId}`);
    const approverCard = approverPage.getByTestId('contract-card');
    await expect
      .poll(() => approverCard.getAttribute('data-state'), { timeout: 20_000 })
      .toBe('awaiting_seal');
    await approverPage.getByTestId('contract-seal').click();
    await approverPage.getByTestId('contract-seal-confirm').click();
    await passStepUpIfAsked(
      approverPage,
      approverAuth,
      async () => (await approverCard.getAttribute('data-state')) === 'signed',
    );
    // The report is checked again for the sealed revision: three signatures, each valid.
    const rows = approverPage.getByTestId('verification-row');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(3);
    await expect
      .poll(() => approverPage.getByTestId('verification-valid').getAttribute('data-valid'), {
        timeout: 30_000,
      })
      .toBe('true');
    for (let i = 0; i < 3; i++) expect(await rows.nth(i).getAttribute('data-valid')).toBe('true');
    expect(await approverPage.getByTestId('check-document-timestamp').getAttribute('data-ok')).toBe('true');
    await approverCard.screenshot({ path: join(shots, 'approver-sealed-card.png') });

    // The signed PDF, downloaded through the page (its session), checked by poppler's pdfsig.
    const [download] = await Promise.all([
      approverPage.waitForEvent('download'),
      approverPage.getByTestId('download-signed-pdf').click(),
    ]);
    const pdfPath = join(shots, 'signed.pdf');
    await download.saveAs(pdfPath);
    const { stdout } = await run('pdfsig', [pdfPath]);
    // pdfsig exits 0 even on "Digest Mismatch": read what it says. The parties' signatures are the
    // CAdES ones; the document timestamp (B-LTA) comes last and pdfsig does not verify those.
    const reported = parsePdfsigOutput(stdout);
    const signatures = reported.filter((s) => s.signatureType === 'ETSI.CAdES.detached');
    expect(signatures.map((s) => s.fieldName).sort(), stdout).toEqual([
      'sig_borrower',
      'sig_guarantor_1',
      'sig_lender',
    ]);
    expect(reported.at(-1)?.totalDocumentSigned, stdout).toBe(true);
    for (const s of signatures) expect(s.signatureValidation, stdout).toBe('Signature is Valid.');

    // The borrower sees the contract completed.
    await borrowerPage.reload();
    await expect
      .poll(() => borrowerPage.getByTestId('contract-page').getAttribute('data-status'))
      .toBe('signed');
    // And in English.
    await borrowerPage.getByTestId('lang-switch').click();
    await expect.poll(() => borrowerPage.getByTestId('contract-page-status').innerText()).toBe('Signed');
    await expect
      .poll(() => borrowerPage.getByTestId('verification-valid').getAttribute('data-valid'), {
        timeout: 30_000,
      })
      .toBe('true');
    await expect
      .poll(() => borrowerPage.getByTestId('reader-page-indicator').getAttribute('data-rendered'), {
        timeout: 20_000,
      })
      .toBe('true');
    await borrowerPage.screenshot({ path: join(shots, 'borrower-complete-en.png'), fullPage: true });

    expectClean(officerWatch);
    expectClean(approverWatch);
    console.log(`contract screenshots: ${shots}`);
  }, 600_000);

  it('an administrator grants a standing seal authorisation and revokes it, each with the second factor', async () => {
    // A fresh administrator (the demo one keeps no second factor, other journeys log in with it).
    const adminPage = await newDesktopPage(browser);
    await logIn(adminPage, admin);
    const secondAdmin = { mobile: randomMobile(), password: 'seal-admin-pass-2026-e2e' };
    const created = await apiPost(adminPage, '/api/admin/accounts', {
      ...secondAdmin,
      displayName: '印章管理员',
      role: 'admin',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);

    const page = await newDesktopPage(browser);
    const pageWatch = watch(page);
    await logIn(page, secondAdmin);
    const auth = await enrolTotp(page);
    await openMenuItem(page, 'nav-admin-seal-authorisations');
    await page.getByTestId('seal-authorisations-page').waitFor();
    const before = await page.getByTestId('seal-authorisation-row').count();
    await fill(page, 'seal-grant-amount', '30000.00');
    await fill(page, 'seal-grant-reason', '小额合同自动盖章（测试）');
    await page.getByTestId('seal-grant-submit').click();
    await passStepUpIfAsked(
      page,
      auth,
      async () => (await page.getByTestId('seal-authorisation-row').count()) === before + 1,
    );
    const row = page.getByTestId('seal-authorisation-row').filter({ hasText: '小额合同自动盖章（测试）' });
    expect(await row.getAttribute('data-active')).toBe('true');
    await page.screenshot({ path: join(shots, 'seal-authorisation-granted.png'), fullPage: true });

    await row.getByTestId('seal-revoke').click();
    await fill(page, 'seal-revoke-reason', '测试结束，撤销授权');
    await page.getByTestId('seal-revoke-confirm').click();
    await passStepUpIfAsked(page, auth, async () => (await row.getAttribute('data-active')) === 'false');
    expectClean(pageWatch);
  }, 300_000);
});
