import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/accounts/roles';
import type { ApplicationKind } from '../../src/core/application/application';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { type RiskGrade } from '../../src/core/risk/decision-policy';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { createApplication } from '../../src/features/applications/create-application';
import { approvedTermsOf } from '../../src/features/approvals/approved-terms-of';
import { composeApprovalsDeps } from '../../src/http/compose-approvals';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import {
  creditCodeFor,
  idNumberFor,
  individualDetails,
  projectDetails,
  uploadPdf,
} from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import { storeRiskAssessment } from '../support/risk-fixtures';
import { moveForSetUp } from '../support/application-set-up';

/** A PD inside each grade of risk policy 2026.1. */
const pdOf: Record<RiskGrade, number> = { A: 0.01, B: 0.07, C: 0.15, D: 0.3, E: 0.5 };

const enterpriseDetails = (amount: string, creditCode: string) => ({
  loan: {
    productCode: 'enterprise-working-capital',
    amount,
    termMonths: 12,
    repaymentMethod: 'equal_installment' as const,
    purpose: 'working_capital',
  },
  company: {
    name: '星河新能源有限公司',
    creditCode,
    industry: 'utilities',
    yearsInOperation: 9,
    actingAs: 'legal_representative' as const,
  },
  financials: {
    revenue: '320000000.00',
    netProfit: '3000000.00',
    totalAssets: '610000000.00',
    totalLiabilities: '220000000.00',
    operatingCashFlow: '8000000.00',
  },
  stakeholders: [
    {
      role: 'legal_representative' as const,
      name: '李四',
      idNumber: idNumberFor('19750203', '567'),
      mobile: '13800000002',
    },
  ],
});

describe.each(dbTargets())('approvals on %s', (target) => {
  let p: TestPlatform;
  const staff: Record<string, TestClient> = {};
  const recovery = new Map<string, string[]>();
  let individual: TestClient;
  let enterprise: TestClient;
  let otherBorrower: TestClient;

  async function staffMember(
    name: string,
    role: 'loan_officer' | 'risk_officer' | 'approver',
    { totp = true } = {},
  ): Promise<TestClient> {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: name, role },
    });
    const c = new TestClient(p.app);
    expect((await c.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    if (totp) {
      // Enrolling counts as a fresh second factor for step-up.
      const enrolment = await c.call('POST', '/api/security/totp/enrolment');
      const confirmed = await c.call('POST', '/api/security/totp/confirm', {
        code: totpCode({ secret: base32Decode(enrolment.body.secret)!, at: new Date() }),
      });
      expect(confirmed.status).toBe(200);
      recovery.set(name, confirmed.body.recoveryCodes);
    }
    return c;
  }

  /**
   * An application of `kind` in risk_control with a risk assessment of `grade`, as the seed makes one:
   * the interviewer moved it to `interviewed`, the officer to risk_control.
   */
  async function atRiskControl({
    kind,
    amount,
    grade,
    productCode,
  }: {
    kind: ApplicationKind | 'project';
    amount: string;
    grade: RiskGrade;
    productCode?: string;
  }): Promise<string> {
    const appsDeps = composeApplicationsDeps({ infra: p.infra, config: p.config });
    const borrower = kind === 'individual' ? individual : enterprise;
    const actor: Actor = {
      accountId: borrower.accountId!,
      role: kind === 'individual' ? 'borrower_individual' : 'borrower_enterprise',
    };
    const details =
      kind === 'individual'
        ? individualDetails({ loan: { amount, ...(productCode ? { productCode } : {}) } })
        : kind === 'project'
          ? { ...projectDetails(), loan: { ...projectDetails().loan, amount } }
          : enterpriseDetails(amount, creditCodeFor());
    const created = await createApplication({
      deps: appsDeps,
      actor,
      kind: kind === 'individual' ? 'individual' : 'enterprise',
      details: details as never,
    });
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
      requestedAmount: amount,
      probabilityOfDefault: pdOf[grade],
      score: 600,
      actor: { accountId: staff.officer!.accountId!, role: 'loan_officer' },
      grade,
    });
    return created.id;
  }

  const url = (id: string) => `/api/staff/applications/${id}/approval`;
  const submit = (id: string, as = staff.officer!) => as.call('POST', url(id), {});
  const view = (id: string, as = staff.officer!) => as.call('GET', url(id));
  const decide = (id: string, as: TestClient, body: Record<string, unknown> = {}) =>
    as.call('POST', `${url(id)}/decisions`, {
      outcome: 'approve',
      reasonCode: 'within_policy',
      text: '同意',
      ...body,
    });
  /** Project financing needs collateral and a cash-flow projection before approval (docs/collateral.md). */
  async function pledgeProject(id: string, amount: string) {
    const doc = await uploadPdf(enterprise, id, 'other', 'valuation-report.pdf');
    const url = `/api/staff/applications/${id}/collateral`;
    const registered = await staff.officer!.call('POST', url, {
      type: 'real_estate',
      description: '项目用地及厂房',
      ownerName: '星河新能源有限公司',
    });
    const valued = await staff.officer!.call('POST', `${url}/${registered.body.items[0].id}/valuations`, {
      appraisedValue: `${BigInt(amount.split('.')[0]!) * 2n}.00`,
      valuationDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
      appraiser: '中评估价',
      method: 'market',
      documentIds: [doc.body.id],
    });
    const projected = await staff.officer!.call('PUT', `/api/staff/applications/${id}/cash-flow-projection`, {
      annualCashFlows: Array(10).fill(amount),
    });
    expect(projected.body.blockers).toEqual([]);
    expect([registered.status, valued.status, projected.status]).toEqual([201, 201, 200]);
  }
  const statusOf = async (id: string) => (await p.infra.applications.findById(id))!.status;

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    staff.officer = await staffMember('officer', 'loan_officer');
    staff.interviewer = await staffMember('interviewer', 'approver');
    for (const name of ['r1', 'r2']) staff[name] = await staffMember(name, 'risk_officer');
    for (const name of ['a1', 'a2', 'a3']) staff[name] = await staffMember(name, 'approver');
    staff.noFactor = await staffMember('noFactor', 'approver', { totp: false });
    individual = new TestClient(p.app);
    expect((await individual.register()).status).toBe(201);
    otherBorrower = new TestClient(p.app);
    expect((await otherBorrower.register()).status).toBe(201);
    enterprise = new TestClient(p.app);
    const r = await enterprise.register({
      role: 'borrower_enterprise',
      displayName: '李四',
      enterprise: {
        companyName: '星河新能源有限公司',
        creditCode: creditCodeFor(),
        actingAs: 'legal_representative',
      },
    });
    expect(r.status).toBe(201);
  }, 120_000);
  afterAll(() => p?.close());

  it('individual, small, grade A: one approver; roles, four-eyes and step-up refusals; approved with its terms', async () => {
    const id = await atRiskControl({ kind: 'individual', amount: '100000.00', grade: 'A' });
    expect((await view(id)).body.error.code).toBe('APPROVAL_CASE_NOT_FOUND');
    // Only a loan officer submits.
    expect((await submit(id, staff.r1)).status).toBe(403);
    const submitted = await submit(id);
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      status: 'pending',
      matrixVersion: 'approval-2026.1',
      band: { id: 'individual-small' },
      kind: 'individual',
      grade: 'A',
      requestedTerms: { amount: '100000.00', nominalAnnualRate: '0.0720', termMonths: 24 },
      steps: [{ index: 0, kind: 'approval', roles: ['approver'], seats: 1, state: 'current' }],
      next: { stepIndex: 0, kind: 'approval', seatsLeft: 1 },
      interviewerId: staff.interviewer!.accountId,
      canDecide: false,
      cannotDecideBecause: 'ROLE_NOT_ALLOWED',
    });
    expect((await submit(id)).body.error.code).toBe('APPROVAL_CASE_OPEN');

    // What each caller is told.
    expect((await view(id, staff.a1)).body).toMatchObject({ canDecide: true, cannotDecideBecause: null });
    expect((await view(id, staff.r1)).body.cannotDecideBecause).toBe('ROLE_NOT_ALLOWED');
    expect((await view(id, staff.interviewer)).body.cannotDecideBecause).toBe('FOUR_EYES_INTERVIEWER');

    // Refusals: role, four-eyes (the interviewer), no second factor, the loan officer, a borrower.
    const byRisk = await decide(id, staff.r1!);
    expect([byRisk.status, byRisk.body.error.code]).toEqual([403, 'APPROVAL_ROLE_NOT_ALLOWED']);
    const byInterviewer = await decide(id, staff.interviewer!);
    expect([byInterviewer.status, byInterviewer.body.error.code]).toEqual([403, 'APPROVAL_FOUR_EYES']);
    expect(byInterviewer.body.error.details).toEqual({ rule: 'FOUR_EYES_INTERVIEWER' });
    expect((await decide(id, staff.noFactor!)).body.error.code).toBe('SECOND_FACTOR_NOT_ENROLLED');
    expect((await decide(id, staff.officer!)).body.error.code).toBe('FORBIDDEN');
    expect((await decide(id, individual)).body.error.code).toBe('FORBIDDEN');
    expect((await decide(id, staff.a1!, { text: '   ' })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await decide(id, staff.a1!, { expectedStepIndex: 1 })).body.error.code).toBe(
      'APPROVAL_STEP_CHANGED',
    );
    expect(await statusOf(id)).toBe('risk_control');

    const approved = await decide(id, staff.a1!, {
      expectedStepIndex: 0,
      reasonCode: 'adequate_repayment_capacity',
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      next: null,
      canDecide: false,
      cannotDecideBecause: 'CASE_CLOSED',
      decisions: [
        {
          seq: 1,
          stepKind: 'approval',
          outcome: 'approve',
          reasonCode: 'adequate_repayment_capacity',
          text: '同意',
          byAccountId: staff.a1!.accountId,
          byRole: 'approver',
        },
      ],
    });
    expect(await statusOf(id)).toBe('approved');
    const history = await p.infra.applications.history(id);
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'risk_control',
      toStatus: 'approved',
      actorAccountId: staff.a1!.accountId,
      actorRole: 'approver',
    });
    const terms = await approvedTermsOf({
      deps: composeApprovalsDeps({ infra: p.infra, config: p.config }),
      applicationId: id,
    });
    expect(terms).toMatchObject({
      amount: '100000.00',
      nominalAnnualRate: '0.0720',
      termMonths: 24,
      repaymentMethod: 'equal_installment',
      matrixVersion: 'approval-2026.1',
    });
    expect((await decide(id, staff.a2!)).body.error.code).toBe('APPROVAL_NOT_PENDING');

    // The ledger: the submission and the decision, as 'approval' leaves, and the move to approved.
    await p.app.ledgerIntegrator?.tick();
    const entries = (await staff.officer!.call('GET', `/api/ledger/applications/${id}/entries`)).body
      .entries as {
      type: string;
    }[];
    expect(entries.filter((e) => e.type === 'approval')).toHaveLength(2);
  });

  it('individual, middle (grade C): a risk review, then an approver; nobody decides twice', async () => {
    const id = await atRiskControl({ kind: 'individual', amount: '150000.00', grade: 'C' });
    expect((await submit(id)).body).toMatchObject({
      band: { id: 'individual-middle' },
      steps: [{ kind: 'risk_review' }, { kind: 'approval' }],
    });
    expect((await decide(id, staff.a1!)).body.error.code).toBe('APPROVAL_ROLE_NOT_ALLOWED');
    const reviewed = await decide(id, staff.r1!, { expectedStepIndex: 0 });
    expect(reviewed.body).toMatchObject({
      status: 'pending',
      steps: [{ state: 'done', approvedBy: [staff.r1!.accountId] }, { state: 'current' }],
      next: { stepIndex: 1, kind: 'approval' },
    });
    expect((await decide(id, staff.r2!)).body.error.code).toBe('APPROVAL_ROLE_NOT_ALLOWED');
    expect((await decide(id, staff.a2!)).body.status).toBe('approved');
    expect(await statusOf(id)).toBe('approved');
  });

  it('individual, large or grade D: a risk review and a committee of two distinct approvers', async () => {
    for (const [amount, grade, productCode] of [
      ['100000.00', 'D', undefined],
      ['2000000.00', 'A', 'personal-business'],
    ] as const) {
      const id = await atRiskControl({ kind: 'individual', amount, grade, productCode });
      expect((await submit(id)).body).toMatchObject({
        band: { id: 'individual-large' },
        steps: [{ kind: 'risk_review' }, { kind: 'committee', seats: 2 }],
      });
      await decide(id, staff.r2!);
      const first = await decide(id, staff.a1!);
      expect(first.body).toMatchObject({ status: 'pending', next: { kind: 'committee', seatsLeft: 1 } });
      const again = await decide(id, staff.a1!);
      expect([again.status, again.body.error.code, again.body.error.details]).toEqual([
        403,
        'APPROVAL_FOUR_EYES',
        { rule: 'FOUR_EYES_ALREADY_DECIDED' },
      ]);
      expect((await view(id, staff.a1)).body.cannotDecideBecause).toBe('FOUR_EYES_ALREADY_DECIDED');
      expect((await decide(id, staff.interviewer!)).body.error.details).toEqual({
        rule: 'FOUR_EYES_INTERVIEWER',
      });
      expect((await decide(id, staff.a2!)).body.status).toBe('approved');
      expect(await statusOf(id)).toBe('approved');
    }
  });

  it('enterprise bands: small, middle and large', async () => {
    const cases = [
      { amount: '800000.00', grade: 'A', band: 'enterprise-small', deciders: ['a1'] },
      { amount: '5000000.00', grade: 'C', band: 'enterprise-middle', deciders: ['r1', 'a1'] },
      { amount: '800000.00', grade: 'E', band: 'enterprise-large', deciders: ['r1', 'a1', 'a2'] },
      { amount: '50000000.00', grade: 'B', band: 'enterprise-large', deciders: ['r2', 'a2', 'a3'] },
    ] as const;
    for (const c of cases) {
      const id = await atRiskControl({ kind: 'enterprise', amount: c.amount, grade: c.grade });
      expect((await submit(id)).body).toMatchObject({ band: { id: c.band }, kind: 'enterprise' });
      let last;
      for (const who of c.deciders) {
        last = await decide(id, staff[who]!);
        expect(last.status).toBe(200);
      }
      expect(last!.body.status).toBe('approved');
      expect(await statusOf(id)).toBe('approved');
    }
  });

  it('project finance: a committee of two, of three above 500 million yuan', async () => {
    const small = await atRiskControl({ kind: 'project', amount: '30000000.00', grade: 'A' });
    await pledgeProject(small, '30000000.00');
    expect((await submit(small)).body).toMatchObject({
      band: { id: 'project-finance' },
      kind: 'project_finance',
    });
    for (const who of ['r1', 'a1', 'a2']) expect((await decide(small, staff[who]!)).status).toBe(200);
    expect(await statusOf(small)).toBe('approved');

    const major = await atRiskControl({ kind: 'project', amount: '600000000.00', grade: 'B' });
    await pledgeProject(major, '600000000.00');
    expect((await submit(major)).body).toMatchObject({
      band: { id: 'project-finance-major' },
      steps: [{ kind: 'risk_review' }, { kind: 'committee', seats: 3 }],
    });
    for (const who of ['r2', 'a1', 'a2'])
      expect((await decide(major, staff[who]!)).body.status).toBe('pending');
    expect((await decide(major, staff.a3!)).body.status).toBe('approved');
    expect(await statusOf(major)).toBe('approved');
  });

  it('revised terms: limits enforced, the borrower sees the disclosure and accepts; approved on the new terms', async () => {
    const id = await atRiskControl({ kind: 'individual', amount: '150000.00', grade: 'B' });
    expect((await submit(id)).body.band.id).toBe('individual-small');
    const tooDear = await decide(id, staff.a1!, { revisedTerms: { nominalAnnualRate: '0.2000' } });
    expect([tooDear.status, tooDear.body.error.code]).toEqual([422, 'APPROVAL_TERMS_INVALID']);
    const tooMuch = await decide(id, staff.a1!, { revisedTerms: { amount: '150000.01' } });
    expect(tooMuch.body.error.details).toMatchObject({ field: 'amount' });
    expect(
      (await decide(id, staff.a1!, { outcome: 'reject', revisedTerms: { termMonths: 12 } })).status,
    ).toBe(422);

    const revised = await decide(id, staff.a1!, {
      reasonCode: 'terms_adjusted',
      text: '收入覆盖不足，下调额度',
      revisedTerms: { amount: '120000.00', nominalAnnualRate: '0.0880', termMonths: 36 },
    });
    expect(revised.status).toBe(200);
    expect(revised.body).toMatchObject({
      status: 'awaiting_borrower',
      termsVersion: 1,
      currentTerms: { amount: '120000.00', nominalAnnualRate: '0.0880', termMonths: 36 },
      decisions: [{ revisedTerms: { amount: '120000.00', nominalAnnualRate: '0.0880', termMonths: 36 } }],
    });
    expect(await statusOf(id)).toBe('risk_control');
    expect((await decide(id, staff.a2!)).body.error.code).toBe('APPROVAL_NOT_PENDING');

    // Only the borrower sees the revised terms.
    expect((await otherBorrower.call('GET', `/api/applications/${id}/revised-terms`)).status).toBe(404);
    expect((await staff.officer!.call('GET', `/api/applications/${id}/revised-terms`)).status).toBe(403);
    const pending = await individual.call('GET', `/api/applications/${id}/revised-terms`);
    expect(pending.status).toBe(200);
    const d = pending.body.disclosure;
    expect(d).toMatchObject({ amount: '120000.00', nominalAnnualRate: '0.0880', termMonths: 36 });
    expect(pending.body.requestedTerms.amount).toBe('150000.00');
    expect(Number(d.annualRate)).toBeCloseTo(0.088, 4);
    expect(Number(d.firstPayment)).toBeGreaterThan(3800);
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);

    const answer = (c: TestClient, body: Record<string, unknown>) =>
      c.call('POST', `/api/applications/${id}/revised-terms/answer`, body);
    expect((await answer(otherBorrower, { decision: 'accept', disclosureSha256: d.sha256 })).status).toBe(
      404,
    );
    const stale = await answer(individual, { decision: 'accept', disclosureSha256: 'b'.repeat(64) });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'APPROVAL_DISCLOSURE_CHANGED']);
    const accepted = await answer(individual, { decision: 'accept', disclosureSha256: d.sha256 });
    expect(accepted.body).toEqual({ applicationId: id, caseStatus: 'approved' });
    expect(await statusOf(id)).toBe('approved');
    expect((await view(id)).body).toMatchObject({
      status: 'approved',
      borrowerResponse: { decision: 'accept' },
    });
    const terms = await approvedTermsOf({
      deps: composeApprovalsDeps({ infra: p.infra, config: p.config }),
      applicationId: id,
    });
    expect(terms).toMatchObject({ amount: '120000.00', nominalAnnualRate: '0.0880', termMonths: 36 });
    expect((await individual.call('GET', `/api/applications/${id}/revised-terms`)).status).toBe(404);
    await p.app.ledgerIntegrator?.tick();
    const entries = (await staff.officer!.call('GET', `/api/ledger/applications/${id}/entries`)).body
      .entries as {
      type: string;
    }[];
    // Submitted, decided (with the revision), answered.
    expect(entries.filter((e) => e.type === 'approval')).toHaveLength(3);
  });

  it('a committee revision supersedes earlier approvals; the borrower declines and the application is withdrawn', async () => {
    const id = await atRiskControl({ kind: 'individual', amount: '100000.00', grade: 'D' });
    await submit(id);
    // A risk review cannot revise terms.
    const reviewRevising = await decide(id, staff.r1!, { revisedTerms: { termMonths: 12 } });
    expect(reviewRevising.body.error.code).toBe('APPROVAL_TERMS_INVALID');
    await decide(id, staff.r1!);
    await decide(id, staff.a1!);
    const revised = await decide(id, staff.a2!, { revisedTerms: { termMonths: 12 } });
    expect(revised.body).toMatchObject({
      status: 'pending',
      termsVersion: 1,
      next: { kind: 'committee', seatsLeft: 1 },
      steps: [{ state: 'done' }, { state: 'current', approvedBy: [staff.a2!.accountId] }],
    });
    // a1 approved the earlier terms: they may approve the new ones.
    expect((await view(id, staff.a1)).body.canDecide).toBe(true);
    expect((await decide(id, staff.a1!)).body.status).toBe('awaiting_borrower');
    const pending = await individual.call('GET', `/api/applications/${id}/revised-terms`);
    const declined = await individual.call('POST', `/api/applications/${id}/revised-terms/answer`, {
      decision: 'decline',
      disclosureSha256: pending.body.disclosure.sha256,
    });
    expect(declined.body.caseStatus).toBe('declined_by_borrower');
    expect(await statusOf(id)).toBe('withdrawn');
    expect((await p.infra.applications.history(id)).at(-1)).toMatchObject({
      toStatus: 'withdrawn',
      actorAccountId: individual.accountId,
    });
  });

  it('a rejection rejects the application; a return lets the officer submit again', async () => {
    const rejectedId = await atRiskControl({ kind: 'individual', amount: '50000.00', grade: 'C' });
    await submit(rejectedId);
    const rejected = await decide(rejectedId, staff.r2!, {
      outcome: 'reject',
      reasonCode: 'insufficient_repayment_capacity',
      text: '负债收入比过高',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      steps: [{ state: 'stopped' }, { state: 'waiting' }],
    });
    expect(await statusOf(rejectedId)).toBe('rejected');

    const returnedId = await atRiskControl({ kind: 'individual', amount: '50000.00', grade: 'A' });
    await submit(returnedId);
    const returned = await decide(returnedId, staff.a3!, {
      outcome: 'return',
      reasonCode: 'documents_incomplete',
      text: '请补充收入证明',
    });
    expect(returned.body.status).toBe('returned');
    expect(await statusOf(returnedId)).toBe('risk_control');
    const again = await submit(returnedId);
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(returned.body.id);
    expect((await decide(returnedId, staff.a3!)).body.status).toBe('approved');
  });

  it('every decision needs a second factor proved in the last five minutes', async () => {
    const id = await atRiskControl({ kind: 'individual', amount: '80000.00', grade: 'A' });
    await submit(id);
    p.advanceClock(6 * 60_000);
    const stale = await decide(id, staff.a2!);
    expect([stale.status, stale.body.error.code]).toEqual([403, 'STEP_UP_REQUIRED']);
    const proved = await staff.a2!.call('POST', '/api/security/step-up/recovery-code', {
      code: recovery.get('a2')!.shift(),
    });
    expect(proved.status).toBe(200);
    expect((await decide(id, staff.a2!)).body.status).toBe('approved');
  });
});
