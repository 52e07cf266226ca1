import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/accounts/roles';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { addMonths } from '../../src/core/loan/calendar-date';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { chinaDate } from '../../src/features/applications/applications-deps';
import { createApplication } from '../../src/features/applications/create-application';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import { individualDetails, projectDetails, uploadPdf } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { storeRiskAssessment } from '../support/risk-fixtures';
import { moveForSetUp } from '../support/application-set-up';

describe.each(dbTargets())('collateral on %s', (target) => {
  let p: TestPlatform;
  const staff: Record<string, TestClient> = {};
  let borrower: TestClient;
  let enterprise: TestClient;
  let otherBorrower: TestClient;
  const today = chinaDate(new Date());

  async function staffMember(name: string, role: 'loan_officer' | 'risk_officer' | 'approver') {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: name, role },
    });
    const c = new TestClient(p.app);
    expect((await c.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    const enrolment = await c.call('POST', '/api/security/totp/enrolment');
    const confirmed = await c.call('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret: base32Decode(enrolment.body.secret)!, at: new Date() }),
    });
    expect(confirmed.status).toBe(200);
    return c;
  }

  /** An application in risk_control with a grade-A risk assessment and one uploaded document (the valuation report). */
  async function atRiskControl({
    kind,
    amount,
  }: {
    kind: 'individual' | 'project';
    amount?: string;
  }): Promise<{ id: string; documentId: string }> {
    const appsDeps = composeApplicationsDeps({ infra: p.infra, config: p.config });
    const owner = kind === 'individual' ? borrower : enterprise;
    const actor: Actor = {
      accountId: owner.accountId!,
      role: kind === 'individual' ? 'borrower_individual' : 'borrower_enterprise',
    };
    const details =
      kind === 'individual'
        ? individualDetails({ loan: { amount: amount ?? '100000.00' } })
        : { ...projectDetails(), loan: { ...projectDetails().loan, amount: amount ?? '30000000.00' } };
    const created = await createApplication({
      deps: appsDeps,
      actor,
      kind: kind === 'individual' ? 'individual' : 'enterprise',
      details: details as never,
    });
    const up = await uploadPdf(owner, created.id, 'other', '估值报告.pdf');
    expect(up.status).toBe(201);
    await moveForSetUp({
      platform: p,
      applicationId: created.id,
      steps: [
        { to: 'interviewed', by: { accountId: staff.interviewer!.accountId!, role: 'approver' } },
        { to: 'risk_control', by: { accountId: staff.officer!.accountId!, role: 'loan_officer' } },
      ],
    });
    await storeRiskAssessment({
      platform: p,
      application: created,
      requestedAmount: details.loan.amount,
      actor: { accountId: staff.officer!.accountId!, role: 'loan_officer' },
      grade: 'A',
    });
    return { id: created.id, documentId: up.body.id };
  }

  const staffUrl = (id: string) => `/api/staff/applications/${id}/collateral`;
  const view = (id: string, as = staff.officer!) => as.call('GET', staffUrl(id));
  const register = (id: string, body: Record<string, unknown> = {}, as = staff.officer!) =>
    as.call('POST', staffUrl(id), {
      type: 'real_estate',
      description: '北京市朝阳区建国路88号 住宅',
      location: '京(2024)朝阳区不动产权第0012345号',
      ownerName: '张三',
      ...body,
    });
  const value = (
    id: string,
    collateralId: string,
    body: Record<string, unknown>,
    as: TestClient = staff.officer!,
  ) =>
    as.call('POST', `${staffUrl(id)}/${collateralId}/valuations`, {
      appraiser: '北京中评房地产估价有限公司 王五',
      method: 'market',
      ...body,
    });
  const decide = (id: string, as: TestClient, body: Record<string, unknown> = {}) =>
    as.call('POST', `/api/staff/applications/${id}/approval/decisions`, {
      outcome: 'approve',
      reasonCode: 'collateral_sufficient',
      text: '同意',
      ...body,
    });

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    staff.officer = await staffMember('officer', 'loan_officer');
    staff.interviewer = await staffMember('interviewer', 'approver');
    staff.risk = await staffMember('risk', 'risk_officer');
    staff.a1 = await staffMember('a1', 'approver');
    borrower = new TestClient(p.app);
    expect((await borrower.register()).status).toBe(201);
    otherBorrower = new TestClient(p.app);
    expect((await otherBorrower.register()).status).toBe(201);
    enterprise = new TestClient(p.app);
    expect(
      (
        await enterprise.register({
          role: 'borrower_enterprise',
          displayName: '李四',
          enterprise: {
            companyName: '星河新能源有限公司',
            creditCode: projectDetails().company.creditCode,
            actingAs: 'legal_representative',
          },
        })
      ).status,
    ).toBe(201);
  }, 120_000);
  afterAll(() => p?.close());

  it('registers, values and revalues (history kept, the latest counts); the LTV blocker refuses approval until a revaluation', async () => {
    const { id, documentId } = await atRiskControl({ kind: 'individual', amount: '100000.00' });
    const empty = await view(id);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      policyVersion: 'collateral-2026.1',
      requirement: 'optional',
      isProjectFinance: false,
      editable: true,
      items: [],
      summary: { totalAppraised: '0.00', totalLendable: '0.00', ltv: null, coverage: '0.0000' },
      dscr: null,
      blockers: [],
      limits: { maxLtv: '0.70', minDscr: null, maxValuationAgeMonths: 12 },
    });

    const registered = await register(id);
    expect(registered.status).toBe(201);
    const item = registered.body.items[0];
    expect(item).toMatchObject({
      type: 'real_estate',
      ownerName: '张三',
      location: '京(2024)朝阳区不动产权第0012345号',
      haircut: '0.30',
      currentValue: null,
      valuations: [],
    });
    expect(registered.body.blockers).toEqual([
      expect.objectContaining({
        code: 'COLLATERAL_NOT_VALUED',
        message: 'A collateral item has no valuation',
      }),
    ]);

    const first = await value(id, item.id, {
      appraisedValue: '120000',
      valuationDate: addMonths(today, -2),
      documentIds: [documentId],
    });
    expect(first.status).toBe(201);
    expect(first.body.summary).toEqual({
      totalAppraised: '120000.00',
      totalLendable: '84000.00',
      ltv: '0.8333',
      coverage: '0.8400',
    });
    expect(first.body.blockers).toEqual([expect.objectContaining({ code: 'COLLATERAL_LTV_EXCEEDED' })]);

    // The ledger holds the registration and the valuation (hashes only).
    await p.app.ledgerIntegrator?.tick();
    const entries = (await staff.officer!.call('GET', `/api/ledger/applications/${id}/entries`)).body
      .entries as { type: string }[];
    expect(entries.filter((e) => e.type === 'collateral')).toHaveLength(2);

    // Approval is refused while the LTV is over the product's maximum.
    expect((await staff.officer!.call('POST', `/api/staff/applications/${id}/approval`, {})).status).toBe(
      201,
    );
    const blocked = await decide(id, staff.a1!);
    expect([blocked.status, blocked.body.error.code]).toEqual([409, 'APPROVAL_BLOCKED']);
    expect(blocked.body.error.message).toBe('Loan-to-value 0.8333 is above the product maximum 0.70');
    expect(blocked.body.error.details.blockers).toEqual([
      expect.objectContaining({ source: 'collateral', code: 'COLLATERAL_LTV_EXCEEDED', ltv: '0.8333' }),
    ]);
    expect((await p.infra.applications.findById(id))!.status).toBe('risk_control');

    // A revaluation (by the risk officer): the history keeps both, the summary uses the latest.
    const second = await value(
      id,
      item.id,
      { appraisedValue: '150000.00', valuationDate: today, method: 'income', documentIds: [documentId] },
      staff.risk,
    );
    expect(second.status).toBe(201);
    const revalued = second.body.items[0];
    expect(revalued).toMatchObject({
      currentValue: '150000.00',
      lendableValue: '105000.00',
      valuationDate: today,
    });
    expect(
      revalued.valuations.map((v: { seq: number; appraisedValue: string; isCurrent: boolean }) => [
        v.seq,
        v.appraisedValue,
        v.isCurrent,
      ]),
    ).toEqual([
      [2, '150000.00', true],
      [1, '120000.00', false],
    ]);
    expect(revalued.valuations[0]).toMatchObject({
      recordedByRole: 'risk_officer',
      appraiser: '北京中评房地产估价有限公司 王五',
      documentIds: [documentId],
    });
    expect(second.body.summary).toEqual({
      totalAppraised: '150000.00',
      totalLendable: '105000.00',
      ltv: '0.6667',
      coverage: '1.0500',
    });
    expect(second.body.blockers).toEqual([]);

    const approved = await decide(id, staff.a1!);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect((await p.infra.applications.findById(id))!.status).toBe('approved');

    // The owner reads the same summary; approved is still open for collateral; after that it is closed.
    const mine = await borrower.call('GET', `/api/applications/${id}/collateral`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ summary: second.body.summary, editable: false, blockers: [] });
    expect((await register(id, { type: 'deposit', ownerName: '张三' })).status).toBe(201);
    await moveForSetUp({
      platform: p,
      applicationId: id,
      steps: [{ to: 'contract_signed', by: { accountId: borrower.accountId!, role: 'borrower_individual' } }],
    });
    const closed = await register(id);
    expect([closed.status, closed.body.error.code]).toEqual([409, 'COLLATERAL_NOT_EDITABLE']);
    expect((await view(id)).body.editable).toBe(false);

    // Personal fields are not in plaintext in the raw tables.
    const { rows } = await sql<Record<string, unknown>>`
      select i.*, v.appraiser_enc from collateral_items i
      left join collateral_valuations v on v.collateral_id = i.id
      where i.application_id = ${id}`.execute(p.infra.database.db);
    expect(rows.length).toBeGreaterThan(0);
    const raw = JSON.stringify(rows);
    for (const secret of ['张三', '建国路', '不动产权', '王五', '中评']) expect(raw).not.toContain(secret);
  });

  it('a lower amount passes the LTV check of an approve decision', async () => {
    const { id, documentId } = await atRiskControl({ kind: 'individual', amount: '100000.00' });
    const item = (await register(id)).body.items[0];
    await value(id, item.id, {
      appraisedValue: '120000.00',
      valuationDate: today,
      documentIds: [documentId],
    });
    expect((await staff.officer!.call('POST', `/api/staff/applications/${id}/approval`, {})).status).toBe(
      201,
    );
    expect((await decide(id, staff.a1!)).body.error.code).toBe('APPROVAL_BLOCKED');
    // 80,000 / 120,000 = 0.6667 ≤ 0.70: the revised terms go to the borrower.
    const lower = await decide(id, staff.a1!, {
      reasonCode: 'terms_adjusted',
      revisedTerms: { amount: '80000.00' },
    });
    expect(lower.status).toBe(200);
    expect(lower.body.status).toBe('awaiting_borrower');
  });

  it('a stale valuation blocks; refuses other borrowers, borrowers on staff routes, approvers writing and bad input', async () => {
    const { id, documentId } = await atRiskControl({ kind: 'individual', amount: '50000.00' });
    const other = await atRiskControl({ kind: 'individual', amount: '50000.00' });
    const item = (await register(id, { type: 'equipment', location: undefined })).body.items[0];
    expect(item.location).toBeNull();
    const stale = await value(id, item.id, {
      appraisedValue: '500000.00',
      valuationDate: addMonths(today, -13),
      documentIds: [documentId],
    });
    expect(stale.body.items[0].isStale).toBe(true);
    expect(stale.body.blockers.map((b: { code: string }) => b.code)).toEqual(['COLLATERAL_VALUATION_STALE']);

    // Ownership and roles.
    expect((await otherBorrower.call('GET', `/api/applications/${id}/collateral`)).status).toBe(404);
    expect((await borrower.call('GET', `/api/applications/${id}/collateral`)).status).toBe(200);
    expect((await borrower.call('GET', staffUrl(id))).status).toBe(403);
    expect((await register(id, {}, borrower)).status).toBe(403);
    expect((await register(id, {}, staff.a1)).status).toBe(403);
    expect((await view(id, staff.a1)).status).toBe(200);
    expect((await view(randomUUID())).body.error.code).toBe('APPLICATION_NOT_FOUND');

    // Bad input.
    const badType = await register(id, { type: 'car' });
    expect([badType.status, badType.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await register(id, { ownerName: '' })).status).toBe(400);
    const ok = { appraisedValue: '1000.00', valuationDate: today, documentIds: [documentId] };
    expect((await value(id, item.id, { ...ok, appraisedValue: '-5' })).status).toBe(400);
    expect((await value(id, item.id, { ...ok, appraisedValue: '0' })).status).toBe(400);
    expect((await value(id, item.id, { ...ok, documentIds: [] })).status).toBe(400);
    const future = await value(id, item.id, { ...ok, valuationDate: addMonths(today, 1) });
    expect([future.status, future.body.error.code]).toEqual([422, 'COLLATERAL_VALUATION_INVALID']);
    const notADate = await value(id, item.id, { ...ok, valuationDate: '2026-02-30' });
    expect(notADate.body.error.code).toBe('COLLATERAL_VALUATION_INVALID');
    const foreignDoc = await value(id, item.id, { ...ok, documentIds: [other.documentId] });
    expect([foreignDoc.status, foreignDoc.body.error.code, foreignDoc.body.error.details]).toEqual([
      422,
      'COLLATERAL_DOCUMENT_NOT_FOUND',
      { documentId: other.documentId },
    ]);
    const foreignItem = await value(other.id, item.id, { ...ok, documentIds: [other.documentId] });
    expect([foreignItem.status, foreignItem.body.error.code]).toEqual([404, 'COLLATERAL_NOT_FOUND']);
    const notProject = await staff.officer!.call(
      'PUT',
      `/api/staff/applications/${id}/cash-flow-projection`,
      {
        annualCashFlows: ['1.00', '2.00'],
      },
    );
    expect([notProject.status, notProject.body.error.code]).toEqual([
      409,
      'COLLATERAL_PROJECTION_NOT_APPLICABLE',
    ]);
    // Nothing was recorded by the refusals.
    expect((await view(id)).body.items[0].valuations).toHaveLength(1);
  });

  it('project financing: collateral required, a projection per loan year, DSCR against the minimum', async () => {
    const { id, documentId } = await atRiskControl({ kind: 'project' });
    const url = `/api/staff/applications/${id}/cash-flow-projection`;
    const start = (await view(id)).body;
    expect(start).toMatchObject({
      requirement: 'required',
      isProjectFinance: true,
      projectionYears: 10,
      projection: null,
      limits: { maxLtv: '0.80', minDscr: '1.20' },
    });
    expect(start.blockers.map((b: { code: string }) => b.code)).toEqual([
      'COLLATERAL_REQUIRED',
      'COLLATERAL_PROJECTION_MISSING',
    ]);
    const short = await staff.officer!.call('PUT', url, { annualCashFlows: Array(9).fill('5000000.00') });
    expect([short.status, short.body.error.code, short.body.error.details]).toEqual([
      422,
      'COLLATERAL_PROJECTION_INVALID',
      { years: 10 },
    ]);
    expect((await staff.officer!.call('PUT', url, { annualCashFlows: ['1.234'] })).status).toBe(400);
    // 30,000,000 over 120 months, equal principal: 3,000,000 a year plus interest on the declining balance.
    const low = await staff.officer!.call('PUT', url, { annualCashFlows: Array(10).fill('3000000.00') });
    expect(low.status).toBe(200);
    expect(low.body.projection).toHaveLength(10);
    expect(low.body.dscr.years).toHaveLength(10);
    expect(Number(low.body.dscr.minimum)).toBeLessThan(1.2);
    expect(low.body.blockers.map((b: { code: string }) => b.code)).toEqual([
      'COLLATERAL_REQUIRED',
      'COLLATERAL_DSCR_BELOW_MINIMUM',
    ]);

    const item = (await register(id, { type: 'equity', ownerName: '星河控股' })).body.items[0];
    await value(id, item.id, {
      appraisedValue: '50000000.00',
      valuationDate: today,
      documentIds: [documentId],
    });
    const high = await staff.risk!.call('PUT', url, {
      annualCashFlows: ['-100.50', ...Array(9).fill('6000000.00')],
    });
    expect(high.status).toBe(200);
    expect(high.body.projection[0]).toBe('-100.50');
    expect(high.body.summary).toMatchObject({
      ltv: '0.6000',
      totalLendable: '25000000.00',
      coverage: '0.8333',
    });
    expect(high.body.blockers.map((b: { code: string }) => b.code)).toEqual([
      'COLLATERAL_DSCR_BELOW_MINIMUM',
    ]);
    const fine = await staff.risk!.call('PUT', url, { annualCashFlows: Array(10).fill('6000000.00') });
    const years = fine.body.dscr.years as { debtService: string; dscr: string }[];
    expect(Number(years[0]!.debtService)).toBeGreaterThan(3_000_000);
    expect(fine.body.dscr.minimum).toBe(years.map((y) => y.dscr).sort((a, b) => Number(a) - Number(b))[0]);
    expect(fine.body.blockers).toEqual([]);
  });
});
