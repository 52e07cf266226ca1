import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../src/core/identity/credit-code';
import { idNumberCheckCharacter } from '../../src/core/identity/id-number';
import {
  baseUrl,
  chooseOption,
  fill,
  launchChromium,
  newDesktopPage,
  staffCredentials,
} from './support/browser';
import { enrolTotp, passStepUpIfAsked } from './support/second-factor';
import { apiPost, logIn } from './support/session';
import { minimalPdf } from './support/test-data';

const shots = `${mkdtempSync(join(tmpdir(), 'mq-e2e-risk-'))}/`;

/** Demo accounts from `src/cli/seed-demo.ts`. */
const demoCompany = { mobile: '13800000002', password: 'enterprise-pass-2026' };
const demoRiskOfficer = { mobile: '13900000002', password: 'risk-pass-2026' };
/** The demo company's unified social credit code, as the seed makes it. */
const creditCode = (() => {
  const first17 = '91310000MA1FL0001';
  return first17 + creditCodeCheckCharacter(first17);
})();
const legalRepresentativeId = (() => {
  const first17 = '11010519750203567';
  return first17 + idNumberCheckCharacter(first17);
})();

/** Uncaught exceptions in the page fail the test even when the UI looks right. */
function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return errors;
}

/**
 * The demo company applies for working capital through the API (the wizard has its own test): the
 * figures pass screening, and the optional ones the enterprise scorecard reads are filled in.
 */
async function submitEnterpriseApplication(page: Page): Promise<{ id: string; reference: string }> {
  const created = await apiPost(page, '/api/applications', {
    kind: 'enterprise',
    details: {
      loan: {
        productCode: 'enterprise-working-capital',
        amount: '3000000.00',
        termMonths: 24,
        repaymentMethod: 'equal_installment',
        purpose: 'working_capital',
        purposeDetail: '采购原材料',
        declaredCollateralValue: '2400000.00',
      },
      company: {
        name: '星河新能源有限公司',
        creditCode,
        industry: 'manufacturing',
        yearsInOperation: 4,
        registeredAddress: '上海市浦东新区张江路 1 号',
        actingAs: 'legal_representative',
      },
      financials: {
        revenue: '86000000.00',
        netProfit: '3100000.00',
        totalAssets: '120000000.00',
        totalLiabilities: '66000000.00',
        operatingCashFlow: '5200000.00',
        currentAssets: '41000000.00',
        currentLiabilities: '36000000.00',
        ebit: '6400000.00',
        interestExpense: '2300000.00',
      },
      stakeholders: [
        {
          role: 'legal_representative',
          name: '李四',
          idNumber: legalRepresentativeId,
          mobile: '13800000002',
        },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;
  const session = (await (await page.request.get(`${baseUrl()}/api/session`)).json()) as {
    csrfToken: string;
  };
  for (const kind of ['business_licence', 'financial_statements', 'id_card_copy']) {
    const uploaded = await page.request.post(
      `${baseUrl()}/api/applications/${id}/documents?kind=${kind}&filename=${kind}.pdf`,
      {
        headers: { 'x-csrf-token': session.csrfToken, 'content-type': 'application/pdf' },
        data: Buffer.from(minimalPdf(kind)),
      },
    );
    expect(uploaded.status(), await uploaded.text()).toBe(201);
  }
  const current = await (await page.request.get(`${baseUrl()}/api/applications/${id}`)).json();
  const submitted = await apiPost(page, `/api/applications/${id}/submit`, { version: current.version });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
  expect(submitted.body.status, JSON.stringify(submitted.body.screening)).toBe('under_review');
  return { id, reference: submitted.body.reference as string };
}

describe('risk: a loan officer reads and overrides the risk report; a risk officer monitors the models', () => {
  let browser: Browser;
  let applicationId: string;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a loan officer opens an assessed enterprise application, sees the report and its charts, and overrides', async () => {
    const company = await newDesktopPage(browser);
    await logIn(company, demoCompany);
    const { id, reference } = await submitEnterpriseApplication(company);
    applicationId = id;

    const officer = await newDesktopPage(browser);
    const errors = collectPageErrors(officer);
    await logIn(officer, staffCredentials());
    // Loan officers work applications but do not see the models' monitoring.
    expect(await officer.getByTestId('nav-staff-risk').count()).toBe(0);
    await officer.goto(`${baseUrl()}/staff/applications/${id}`);
    expect(await officer.getByTestId('application-reference').textContent()).toBe(reference);
    // The optional figures for the scorecard are part of the application's details.
    await expect
      .poll(() => officer.getByTestId('application-details').innerText())
      .toContain('¥2,400,000.00');

    // The system assesses an enterprise application after screening, in the background: the report is
    // there, or is about to be; if the page came first, the officer runs the assessment.
    const report = officer.getByTestId('risk-report');
    await expect
      .poll(() => report.getAttribute('data-state'), { timeout: 15_000 })
      .toMatch(/^(assessed|none)$/);
    if ((await report.getAttribute('data-state')) === 'none') {
      await officer.reload();
      await expect
        .poll(() => report.getAttribute('data-state'), { timeout: 15_000 })
        .toMatch(/^(assessed|none)$/);
      if ((await report.getAttribute('data-state')) === 'none') await officer.getByTestId('risk-run').click();
    }
    await officer.getByTestId('risk-score').waitFor();
    expect(await officer.getByTestId('risk-score').innerText()).toMatch(/^\d+$/);
    expect(await officer.getByTestId('risk-grade').getAttribute('data-grade')).toMatch(/^[A-E]$/);
    expect(await officer.getByTestId('risk-pd').innerText()).toMatch(/^\d+\.\d{2}%$/);
    expect(await officer.getByTestId('risk-limit').innerText()).toMatch(/^¥[\d,]+\.\d{2}$/);
    expect(await officer.getByTestId('risk-reason').count()).toBeGreaterThan(0);
    expect(await officer.getByTestId('risk-characteristic-points').count()).toBeGreaterThan(0);

    // The charts draw as SVG: the contributions for every model, the validation curves for trained ones.
    const contributions = officer.getByTestId('risk-chart-contributions');
    await contributions.locator('svg').first().waitFor({ timeout: 20_000 });
    expect(await contributions.locator('svg path, svg rect').count()).toBeGreaterThan(0);
    const kind = await officer.getByTestId('risk-model').getAttribute('data-kind');
    const curveCharts = ['risk-chart-distribution', 'risk-chart-roc', 'risk-chart-ks'];
    for (const chart of curveCharts) {
      const count = await officer.getByTestId(chart).locator('svg').count();
      expect(count, `${chart} for a ${kind} model`).toBe(kind === 'trained' ? 1 : 0);
    }
    await officer.screenshot({ path: `${shots}risk-report.png`, fullPage: true });

    // Re-assessing asks the model again and shows the new report.
    const [rerun] = await Promise.all([
      officer.waitForResponse(
        (r) =>
          r.url().endsWith(`/api/staff/applications/${id}/risk-assessment`) &&
          r.request().method() === 'POST',
      ),
      officer.getByTestId('risk-run').click(),
    ]);
    expect(rerun.ok()).toBe(true);
    const rerunBody = (await rerun.json()) as { score: number };
    await expect.poll(() => officer.getByTestId('risk-score').innerText()).toBe(String(rerunBody.score));

    // Override: the site visit found reasons to send it to a person.
    expect(await officer.getByTestId('risk-override-none').count()).toBe(1);
    await chooseOption(officer, 'risk-override-decision-select', 'refer');
    await chooseOption(officer, 'risk-override-reason-select', 'site_visit');
    await fill(officer, 'risk-override-text', '实地走访发现主要客户集中度较高，需人工审核');
    await officer.getByTestId('risk-override-submit').click();
    const recorded = officer.getByTestId('risk-override-recorded');
    await recorded.waitFor();
    expect(await recorded.getByTestId('risk-override-reason').getAttribute('data-reason')).toBe('site_visit');
    expect(await recorded.innerText()).toContain('客户经理');
    expect(await officer.getByTestId('risk-final-recommendation').getAttribute('data-recommendation')).toBe(
      'refer',
    );
    const stored = await (
      await officer.request.get(`${baseUrl()}/api/staff/applications/${id}/risk-assessment`)
    ).json();
    expect(stored).toMatchObject({
      override: { decision: 'refer', reasonCode: 'site_visit', byRole: 'loan_officer' },
      finalRecommendation: 'refer',
    });

    // On paper: no navigation and no buttons, the charts stay.
    await officer.emulateMedia({ media: 'print' });
    expect(await officer.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await officer.getByTestId('risk-print').isVisible()).toBe(false);
    expect(await officer.getByTestId('risk-override-form').isVisible()).toBe(false);
    expect(await contributions.locator('svg').first().isVisible()).toBe(true);
    await officer.emulateMedia({ media: 'screen' });

    expect(errors).toEqual([]);
  }, 180_000);

  it('a risk officer opens the risk monitoring and sees the model report and the override', async () => {
    expect(applicationId).toBeDefined();
    const page = await newDesktopPage(browser);
    const errors = collectPageErrors(page);
    await logIn(page, demoRiskOfficer);
    await page.getByTestId('nav-staff-risk').click();
    await page.waitForURL(/\/staff\/risk$/);
    const model = page.getByTestId('risk-model-report').first();
    await model.waitFor();
    expect(await page.getByTestId('risk-model-report').count()).toBeGreaterThan(0);
    expect(Number(await model.getByTestId('risk-live-assessments').innerText())).toBeGreaterThan(0);
    expect(
      await model.getByTestId('risk-model-characteristics').locator('.ant-collapse-item').count(),
    ).toBeGreaterThan(0);
    const overrides = page.getByTestId('risk-overrides');
    await overrides.waitFor();
    expect(await overrides.innerText()).toContain('实地走访结论');
    await page.screenshot({ path: `${shots}risk-monitoring.png`, fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
  it('a risk officer places a legal hold from the application page, with a second factor', async () => {
    expect(applicationId).toBeDefined();
    const page = await newDesktopPage(browser);
    const errors = collectPageErrors(page);
    await logIn(page, demoRiskOfficer);
    const auth = await enrolTotp(page);
    await page.goto(`${baseUrl()}/staff/applications/${applicationId}`);
    const card = page.getByTestId('legal-hold-card');
    await expect.poll(() => card.getAttribute('data-held'), { timeout: 20_000 }).toBe('false');
    await page.getByTestId('legal-hold-place').click();
    await fill(page, 'legal-hold-reason', '客户投诉（编号 E2E-0415），保全面签证据');
    await page.getByTestId('legal-hold-confirm').click();
    await passStepUpIfAsked(page, auth, async () => (await card.getAttribute('data-held')) === 'true');
    expect(await page.getByTestId('legal-hold-current-reason').innerText()).toContain('E2E-0415');
    // The one who placed it cannot release it (four eyes).
    expect(await page.getByTestId('legal-hold-release').isDisabled()).toBe(true);
    expect(await page.getByTestId('legal-hold-four-eyes').isVisible()).toBe(true);
    const holds = await (
      await page.request.get(`${baseUrl()}/api/staff/applications/${applicationId}/legal-holds`)
    ).json();
    expect(holds).toMatchObject({
      isHeld: true,
      items: [{ placedBy: { role: 'risk_officer' }, released: null }],
    });
    await card.screenshot({ path: `${shots}legal-hold-card.png` });
    expect(errors).toEqual([]);
  }, 120_000);
});
