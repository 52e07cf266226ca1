import { mkdtempSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Download, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPackageBytes } from '../../src/cli/verify-package';
import { verifyReceipt } from '../../src/core/ledger/evidence-package/verify-receipt';
import {
  baseUrl,
  fill,
  launchChromium,
  newDesktopPage,
  newPhonePage,
  staffCredentials,
} from './support/browser';
import { logIn } from './support/session';
import { openMenuItem } from './support/open-menu-item';

// The README's screenshots are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to a temp dir,
// so that a test run leaves the work tree as it found it.
const screenshots = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
  : `${mkdtempSync(join(tmpdir(), 'mq-e2e-shots-'))}/`;

/** The demo borrower from `src/cli/seed-demo.ts`, who has submitted applications (and so receipts). */
const demoBorrower = { mobile: '13800000001', password: 'borrower-pass-2026' };

/** Uncaught exceptions in the page fail the test even when the UI looks right. */
function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return errors;
}

/** Clicks a button that saves a file (fetched, then offered as a blob) and reads the saved file. */
async function downloadThrough(page: Page, button: Locator): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), button.click()]);
  expect(await download.failure()).toBeNull();
  return { download, bytes: await readFile(await download.path()) };
}

/** A request with the page's cookies (its session), as the page itself would make it. */
const apiGet = (page: Page, path: string) => page.request.get(`${baseUrl()}${path}`);

function failedChecks(checks: { item: string; ok: boolean; reason?: string }[]): string {
  return checks
    .filter((c) => !c.ok)
    .map((c) => `${c.item}: ${c.reason ?? ''}`)
    .join('\n');
}

describe('the evidence ledger: staff check a loan’s evidence; borrowers keep their receipts', () => {
  let browser: Browser;
  let logVkey: string;

  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(screenshots, { recursive: true });
    const response = await fetch(`${baseUrl()}/ledger/vkey`);
    expect(response.status).toBe(200);
    logVkey = (await response.text()).trim();
    expect(logVkey).toMatch(/\S/);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a loan officer sees the checkpoint, finds an application, and downloads a package and a proof that verify', async () => {
    const officer = await newDesktopPage(browser);
    const officerErrors = collectPageErrors(officer);
    await logIn(officer, staffCredentials());

    // Any application in the work queue has entries in the log: it was submitted.
    const firstInQueue = officer.getByTestId('queue-table').getByTestId('queue-open').first();
    await firstInQueue.waitFor();
    const reference = (await firstInQueue.textContent())?.trim() ?? '';
    expect(reference).toMatch(/\S/);

    // The ledger page, through the header menu.
    await openMenuItem(officer, 'nav-staff-ledger');
    await officer.waitForURL(/\/staff\/ledger/);
    const checkpoint = officer.getByTestId('ledger-checkpoint');
    await checkpoint.waitFor();
    // The integrator runs every 500 ms; until its first checkpoint the card says there is none yet.
    const size = checkpoint.getByTestId('ledger-checkpoint-size');
    if (!(await size.isVisible())) {
      await expect
        .poll(
          async () => {
            await officer.getByTestId('ledger-refresh').click();
            return size.isVisible();
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(true);
    }
    expect(Number(await size.textContent())).toBeGreaterThan(0);
    const note = (await checkpoint.getByTestId('ledger-checkpoint-note').locator('pre').textContent()) ?? '';
    // A C2SP signed note: origin, size, root hash, a blank line, then "— <name> <signature>" lines.
    const [body = '', signatures = ''] = note.split('\n\n');
    expect(body.split('\n')[1]).toBe((await size.textContent())?.trim());
    expect(signatures).toMatch(/^\u2014 \S+ \S+/m);
    expect(await officer.getByTestId('ledger-vkey').locator('pre').textContent()).toBe(logVkey);

    // Search the application by its reference: its entries, oldest first.
    await fill(officer, 'ledger-search', reference);
    await officer.getByTestId('ledger-search').press('Enter');
    await officer.waitForURL((url) => /^[0-9a-f-]{36}$/.test(url.searchParams.get('application') ?? ''));
    const applicationId = new URL(officer.url()).searchParams.get('application') ?? '';
    await expect
      .poll(() => officer.getByTestId('ledger-entries-reference').textContent(), { timeout: 15_000 })
      .toContain(reference);
    const rows = officer.getByTestId('ledger-entries').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const entryCount = await rows.count();

    // The evidence package, saved through the page's button, verifies offline with the log's key.
    const evidence = await downloadThrough(officer, officer.getByTestId('ledger-download-evidence'));
    expect(evidence.download.suggestedFilename()).toBe(`evidence-${reference}.zip`);
    const packageResult = verifyPackageBytes(evidence.bytes, { logVkey });
    expect(packageResult.ok, failedChecks(packageResult.checks)).toBe(true);
    // Making the package is itself recorded: the list reloads with an `evidence.package` entry.
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(entryCount);
    await officer
      .getByTestId('ledger-entries')
      .locator('[data-type="evidence.package"]')
      .first()
      .waitFor({ timeout: 15_000 });

    // The newest entry's proof (the package's own entry): a checkpoint covers it within a second or
    // so, and the page shows that on a refresh.
    const newest = rows.last();
    expect(await newest.locator('[data-type]').getAttribute('data-type')).toBe('evidence.package');
    const proofButton = newest.getByTestId('ledger-download-proof');
    await expect
      .poll(
        async () => {
          if (await proofButton.isEnabled()) return true;
          await officer.getByTestId('ledger-refresh').click();
          return false;
        },
        { timeout: 15_000, interval: 500 },
      )
      .toBe(true);
    const newestIndex = Number((await newest.locator('td').first().textContent())?.trim());
    const proof = await downloadThrough(officer, proofButton);
    expect(proof.download.suggestedFilename()).toBe(`mianqian-${newestIndex}.tlog-proof`);
    const receiptResult = verifyReceipt(proof.bytes.toString('utf8'), { logVkey });
    expect(receiptResult.ok, failedChecks(receiptResult.checks)).toBe(true);
    expect(receiptResult.index).toBe(newestIndex);
    expect(receiptResult.leaf?.type).toBe('evidence.package');

    // The API agrees with the page about whose entries these are.
    const listed = await apiGet(officer, `/api/ledger/applications/${applicationId}/entries`);
    expect(listed.status()).toBe(200);
    expect(((await listed.json()) as { reference: string }).reference).toBe(reference);

    await expect.poll(() => officer.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    // A whole-page picture from the top (the sticky header would otherwise sit mid-page), without
    // the hover on the button just clicked.
    await officer.locator('html').evaluate((html) => {
      html.scrollTop = 0;
    });
    await officer.mouse.move(0, 0);
    await officer.screenshot({ path: `${screenshots}ledger-staff.png`, fullPage: true });
    expect(officerErrors).toEqual([]);
  }, 120_000);

  it('the demo borrower finds receipts on a phone, and one verifies; the staff ledger stays closed', async () => {
    const borrower = await newPhonePage(browser);
    const borrowerErrors = collectPageErrors(borrower);
    await logIn(borrower, demoBorrower);

    await openMenuItem(borrower, 'nav-receipts');
    await borrower.waitForURL(/\/receipts$/);
    await borrower.getByTestId('receipts-explainer').waitFor();
    const applications = borrower.getByTestId('receipt-application');
    await applications.first().waitFor();
    expect(await applications.count()).toBeGreaterThan(0);
    expect(await borrower.getByTestId('receipt-entry').count()).toBeGreaterThan(0);
    // Their own applications, every one of them, and nobody else's.
    const references = await applications.evaluateAll((cards) =>
      cards.map((c) => c.getAttribute('data-reference') ?? ''),
    );
    const mine = (await (await apiGet(borrower, '/api/applications?pageSize=100')).json()) as {
      items: { reference: string }[];
    };
    expect(references.toSorted()).toEqual(mine.items.map((a) => a.reference).toSorted());

    // The seeded applications were recorded before the server started: their receipts are ready.
    const download = borrower.getByTestId('receipt-download').and(borrower.locator(':enabled')).first();
    await download.waitFor({ timeout: 15_000 });
    const entry = borrower.getByTestId('receipt-entry').filter({ has: download });
    const index = Number(await entry.first().getAttribute('data-index'));
    const type = await entry.first().getAttribute('data-type');
    const receipt = await downloadThrough(borrower, download);
    expect(receipt.download.suggestedFilename()).toBe(`mianqian-${index}.tlog-proof`);
    // Checked with the key the page offers for download, which is the log's.
    const vkeyDownload = await downloadThrough(borrower, borrower.getByTestId('receipts-vkey'));
    expect(vkeyDownload.bytes.toString('utf8').trim()).toBe(logVkey);
    const result = verifyReceipt(receipt.bytes.toString('utf8'), {
      logVkey: vkeyDownload.bytes.toString('utf8').trim(),
    });
    expect(result.ok, failedChecks(result.checks)).toBe(true);
    expect(result.index).toBe(index);
    expect(result.leaf?.type).toBe(type);

    // Nothing wider than the phone.
    const scrollWidth = await borrower.locator('html').evaluate((html) => html.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(borrower.viewportSize()?.width ?? 0);
    await expect.poll(() => borrower.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    // The header's "…" popup opens on hover and stays open under the finger after the tap that
    // chose the page; move away so that it closes before the picture.
    await borrower.mouse.move(10, 600);
    await borrower.locator('.ant-menu-submenu-popup').waitFor({ state: 'hidden' });
    await borrower.screenshot({ path: `${screenshots}receipts-phone.png` });

    // The staff ledger is not for borrowers: the app sends them home, the API refuses.
    expect(await borrower.getByTestId('nav-staff-ledger').count()).toBe(0);
    await borrower.goto(`${baseUrl()}/staff/ledger`);
    // Sent to their own home page, the list of their applications.
    await borrower.waitForURL((url) => url.pathname === '/applications');
    await borrower.getByTestId('current-user').waitFor();
    expect(await borrower.getByTestId('ledger-checkpoint').count()).toBe(0);
    expect((await apiGet(borrower, '/api/ledger/overview')).status()).toBe(403);
    // Nor may they take an evidence package, even of their own application.
    const own = (await (await apiGet(borrower, '/api/ledger/receipts')).json()) as {
      applications: { applicationId: string; entries: { index: number }[] }[];
    };
    const ownId = own.applications[0]?.applicationId;
    expect(ownId).toBeDefined();
    expect((await apiGet(borrower, `/api/applications/${ownId}/evidence`)).status()).toBe(403);
    // Nor a receipt for a step of someone else's application: as if there were no such entry.
    const ownIndexes = new Set(own.applications.flatMap((a) => a.entries.map((e) => e.index)));
    const published = await (await fetch(`${baseUrl()}/ledger/checkpoint`)).text();
    const publishedSize = Number(published.split('\n')[1]);
    const othersIndex = Array.from({ length: publishedSize }, (_, i) => i).find((i) => !ownIndexes.has(i));
    expect(othersIndex).toBeDefined();
    expect((await apiGet(borrower, `/api/ledger/entries/${othersIndex}/tlog-proof`)).status()).toBe(404);

    expect(borrowerErrors).toEqual([]);
  }, 120_000);
});
