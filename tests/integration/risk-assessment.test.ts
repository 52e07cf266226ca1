import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { industries } from '../../src/contracts/applications.schema';
import { isAppError } from '../../src/core/errors';
import { idNumberCheckCharacter } from '../../src/core/identity/id-number';
import { industryRiskTiers } from '../../src/core/risk/enterprise-scorecard';
import { modelInputs } from '../../src/core/risk/score-applicant';
import { platformProtectedInputs } from '../../src/core/risk/protected-inputs';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { composeRiskDeps } from '../../src/http/compose-deps';
import {
  compileServedModel,
  createScorecardRegistry,
  loadScorecardModels,
} from '../../src/infra/risk/load-scorecard-models';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';
import {
  creditCodeFor,
  idNumberFor,
  projectDetails,
  submittedIndividualApplication,
  uploadPdf,
} from '../support/fixtures';
import { fixtureRetailModel, sexReadingModel } from '../support/risk-fixtures';
import type { FaceAnalysis } from '../../src/core/identity/face-analysis';
import type { FaceEngine } from '../../src/features/identity/face-engine.port';

/** The face engine double of identity-verification.test.ts: a frame's bytes say what it shows. */
const fakeJpeg = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(text)]);
const doubleEngine: FaceEngine = {
  modelVersion: 'test-double/1',
  async analyse(image): Promise<FaceAnalysis> {
    const m = /^face:(\w+):(-?\d+)$/.exec(Buffer.from(image).subarray(4).toString());
    if (!m) return { faces: [], width: 640, height: 480 };
    const embedding = new Float32Array(8);
    embedding[m[1]!.charCodeAt(0) % 8] = 1;
    return {
      width: 640,
      height: 480,
      faces: [
        {
          score: 0.99,
          box: { x: 200, y: 100, width: 200, height: 240 },
          embedding,
          pose: { yaw: Number(m[2]), pitch: 0, roll: 0 },
          antispoof: 0.9,
          liveness: 0.8,
        },
      ],
    };
  },
};

/** In fixtures/credit-bureau/records.json: 张三, a good payer (Taiwan row 7), and one with months of delay (row 63). */
const goodPayer = idNumberFor('19900307', '211');
const latePayer = idNumberFor('19851120', '313');

describe.each(dbTargets())('risk assessment on %s', (target) => {
  let p: TestPlatform;
  const staff: Record<string, TestClient> = {};

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    p.infra.risk.models = createScorecardRegistry({
      models: [compileServedModel(fixtureRetailModel)],
      individualModelId: fixtureRetailModel.id,
    });
    for (const role of ['loan_officer', 'risk_officer', 'approver', 'admin'] as const) {
      const c = new TestClient(p.app);
      const mobile = uniqueMobile();
      await createStaffAccount({
        deps: p.infra,
        input: { mobile, password: 'staff passphrase 2026', displayName: role, role },
      });
      await c.login(mobile, 'staff passphrase 2026');
      staff[role] = c;
    }
  });
  afterAll(() => p.close());

  const consent = (c: TestClient, kind: string) => c.consent(kind);

  /**
   * A borrower with a screened application for `idNumber`, with or without the credit-inquiry consent.
   * The consent follows the borrower's identity check (ID details against the authority), which is of
   * `checkedIdNumber` — the applicant's own unless a test says otherwise.
   */
  const individual = async ({
    idNumber,
    hasConsent = true,
    checkedIdNumber = idNumber,
  }: {
    idNumber: string;
    hasConsent?: boolean;
    checkedIdNumber?: string;
  }) => {
    const c = new TestClient(p.app);
    await c.register();
    const submitted = await submittedIndividualApplication(c, { applicant: { fullName: '张三', idNumber } });
    expect(submitted.body.status).toBe('under_review');
    if (hasConsent) {
      await c.call('POST', '/api/identity/dev/registry', { name: '张三', idNumber: checkedIdNumber });
      expect((await consent(c, 'personal_information')).status).toBe(201);
      const checked = await c.call('POST', '/api/identity/verification', {
        name: '张三',
        idNumber: checkedIdNumber,
      });
      expect(checked.status).toBe(201);
      expect((await consent(c, 'credit_inquiry')).status).toBe(201);
    }
    return { c, applicationId: submitted.body.id as string };
  };
  const assess = (id: string, as = staff.loan_officer!) =>
    as.call('POST', `/api/staff/applications/${id}/risk-assessment`, {});

  it('assesses an individual from the credit bureau under the credit-inquiry consent', async () => {
    const { applicationId } = await individual({ idNumber: goodPayer });
    const r = await assess(applicationId);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      applicationId,
      model: { id: 'retail-fixture', version: 'test.1', kind: 'trained' },
      policyVersion: 'risk-2026.1',
      grade: 'A',
      recommendation: 'approve',
      recommendedLimit: '50000.00',
      recommendedAnnualRate: '0.0720',
      override: null,
      finalRecommendation: 'approve',
      bureau: { provider: 'local-file' },
    });
    expect(r.body.score).toBe(625);
    expect(r.body.probabilityOfDefault).toBeLessThan(0.05);
    expect(r.body.inputsSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.bureau.responseSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.bureau.facts.length).toBeGreaterThan(0);
    expect(r.body.characteristics.map((c: { name: string }) => c.name)).toEqual([
      'max_delay_6m',
      'limit_bal',
      'payment_ratio',
      'education',
    ]);
    expect(r.body.model.curves.roc.length).toBeGreaterThan(0);
    expect(r.body.screening.length).toBeGreaterThan(0);

    // Idempotent: the same inputs give the same assessment back.
    const again = await assess(applicationId, staff.risk_officer);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(r.body.id);
    const read = await staff.approver!.call(
      'GET',
      `/api/staff/applications/${applicationId}/risk-assessment`,
    );
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(r.body.id);

    // Nothing personal in clear: the ID number and the bureau's values are not in the row.
    const row = await sql<
      Record<string, unknown>
    >`select * from risk_assessments where id = ${r.body.id}`.execute(p.infra.database.db);
    const stored = JSON.stringify(row.rows[0]);
    expect(stored).not.toContain(goodPayer);
    expect(stored).not.toContain('367965'); // BILL_AMT1 of the bureau record
    expect(stored).not.toContain('max_delay_6m');
    // Protected attributes kept apart, for monitoring only.
    const attrs = await sql<{ sex: string; age_band: string }>`
      select sex, age_band from risk_monitoring_attributes where assessment_id = ${r.body.id}`.execute(
      p.infra.database.db,
    );
    expect(attrs.rows[0]!.sex).toBe('male');
    expect(attrs.rows[0]!.age_band).toMatch(/^(26-35|36-45)$/);

    // Anchored on the ledger.
    await p.app.ledgerIntegrator?.tick();
    const leaves = await sql<{
      leaf: string;
    }>`select convert_from(entry, 'UTF8') as leaf from ledger_entries`.execute(p.infra.database.db);
    expect(leaves.rows.some((x) => JSON.parse(x.leaf).type === 'risk.decision')).toBe(true);
  });

  it('assesses an individual on its own once the borrower’s identity is verified', async () => {
    p.infra.identity.faceEngine = doubleEngine;
    // 孙七 is in the local bureau file (Taiwan row 19).
    const name = '孙七';
    const idNumber = idNumberFor('19950228', '526');
    const mobile = uniqueMobile();
    const c = new TestClient(p.app);
    await c.register({ mobile, displayName: name });
    const submitted = await submittedIndividualApplication(c, {
      applicant: { fullName: name, idNumber, mobile },
    });
    expect(submitted.body.status).toBe('under_review');
    expect(
      (
        await c.call('POST', '/api/identity/dev/registry', {
          name,
          idNumber,
          photo: fakeJpeg('face:S:0').toString('base64'),
        })
      ).status,
    ).toBe(201);
    expect((await consent(c, 'personal_information')).status).toBe(201);
    expect((await c.call('POST', '/api/identity/verification', { name, idNumber })).status).toBe(201);
    expect((await c.call('POST', '/api/identity/verification/phone-code', { mobile })).status).toBe(200);
    const outbox = await staff.admin!.call('GET', '/api/admin/sms-outbox');
    const masked = `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
    const code = /(\d{6})/.exec(
      outbox.body.items.find((m: { mobileMasked: string }) => m.mobileMasked === masked).text,
    )![1]!;
    expect((await c.call('POST', '/api/identity/verification/phone-code/verify', { code })).status).toBe(200);
    for (const kind of ['credit_inquiry', 'recording', 'face_data'])
      expect((await consent(c, kind)).status).toBe(201);
    const check = await c.call('POST', '/api/identity/face-checks', {});
    const sign = check.body.challenge === 'turn_left' ? 1 : -1;
    const frames = [0, 2, 15 * sign, 30 * sign].map((yaw) => fakeJpeg(`face:S:${yaw}`).toString('base64'));
    const result = await c.call('POST', `/api/identity/face-checks/${check.body.id}/frames`, { frames });
    expect(result.body.promotedApplicationIds).toEqual([submitted.body.id]);

    await p.app.riskAutomation.idle();
    const r = await staff.loan_officer!.call(
      'GET',
      `/api/staff/applications/${submitted.body.id}/risk-assessment`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ model: { id: 'retail-fixture' }, bureau: { provider: 'local-file' } });
    expect(r.body.reasons.map((x: { code: string }) => x.code)).toContain('R01');
  });

  it('refuses without the credit-inquiry consent, or after it is withdrawn', async () => {
    const { applicationId } = await individual({ idNumber: goodPayer, hasConsent: false });
    const r = await assess(applicationId);
    expect(r).toMatchObject({
      status: 409,
      body: { error: { code: 'CONSENT_REQUIRED', details: { missing: ['credit_inquiry'] } } },
    });

    const withdrawn = await individual({ idNumber: goodPayer });
    const given = (await withdrawn.c.call('GET', '/api/identity/consents')).body.items.find(
      (x: { kind: string }) => x.kind === 'credit_inquiry',
    );
    expect((await withdrawn.c.call('POST', `/api/identity/consents/${given.id}/withdraw`, {})).status).toBe(
      200,
    );
    expect((await assess(withdrawn.applicationId)).body.error.code).toBe('CONSENT_REQUIRED');
    expect(
      (await staff.loan_officer!.call('GET', `/api/staff/applications/${applicationId}/risk-assessment`)).body
        .error.code,
    ).toBe('RISK_ASSESSMENT_NOT_FOUND');
  });

  it('refuses an inquiry into someone other than the borrower whose identity was checked', async () => {
    const { applicationId } = await individual({
      idNumber: goodPayer,
      checkedIdNumber: idNumberFor('19920101', '515'),
    });
    const r = await assess(applicationId);
    expect(r).toMatchObject({ status: 409, body: { error: { code: 'CONSENT_REQUIRED' } } });
  });

  it('refuses when the bureau has no record of the person', async () => {
    const { applicationId } = await individual({ idNumber: idNumberFor('19900307', '999') });
    const r = await assess(applicationId);
    expect(r).toMatchObject({ status: 409, body: { error: { code: 'CREDIT_REPORT_NOT_FOUND' } } });
  });

  it('refers a late payer with the reasons that cost the most points', async () => {
    const { applicationId } = await individual({ idNumber: latePayer });
    const r = await assess(applicationId);
    expect(r.status).toBe(201);
    expect(r.body.grade).toMatch(/^[CD]$/);
    expect(r.body.recommendation).toBe('refer');
    expect(r.body.reasons[0]).toMatchObject({
      code: 'R01',
      characteristic: 'max_delay_6m',
      pointsBelowMax: 80,
    });
    // A lower grade gets a share of the amount and a higher rate.
    expect(Number(r.body.recommendedLimit)).toBeLessThan(50000);
    expect(Number(r.body.recommendedAnnualRate)).toBeGreaterThan(0.072);
  });

  it('assesses an enterprise with the expert scorecard right after screening passes', async () => {
    const code = creditCodeFor('91310000MA1K00088');
    const c = new TestClient(p.app);
    await c.register({
      role: 'borrower_enterprise',
      displayName: '李四',
      enterprise: { companyName: '星河新能源有限公司', creditCode: code, actingAs: 'legal_representative' },
    });
    const details = projectDetails(code);
    const created = await c.call('POST', '/api/applications', {
      kind: 'enterprise',
      details: {
        ...details,
        loan: { ...details.loan, declaredCollateralValue: '45000000.00' },
        project: { ...details.project, projectedAnnualCashFlow: '6500000.00' },
        financials: {
          ...details.financials,
          currentAssets: '90000000.00',
          currentLiabilities: '60000000.00',
          ebit: '14000000.00',
          interestExpense: '4000000.00',
        },
      },
    });
    expect(created.status).toBe(201);
    for (const kind of [
      'business_licence',
      'financial_statements',
      'id_card_copy',
      'project_feasibility_study',
      'board_resolution',
    ])
      await uploadPdf(c, created.body.id, kind);
    const submitted = await c.call('POST', `/api/applications/${created.body.id}/submit`, {});
    expect(submitted.body.status).toBe('under_review');
    await p.app.riskAutomation.idle();

    const r = await staff.risk_officer!.call(
      'GET',
      `/api/staff/applications/${created.body.id}/risk-assessment`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      model: { id: 'enterprise-expert', kind: 'expert', curves: null },
      bureau: null,
      policyVersion: 'risk-2026.1',
    });
    expect(r.body.model.label['zh-CN']).toContain('专家评分卡（专家设定权重，非数据训练）');
    const byName = Object.fromEntries(
      r.body.characteristics.map((x: { name: string; value: unknown }) => [x.name, x.value]),
    );
    expect(byName.debt_to_asset).toBeCloseTo(0.55, 6);
    expect(byName.interest_coverage).toBeCloseTo(3.5, 6);
    expect(byName.current_ratio).toBeCloseTo(1.5, 6);
    expect(byName.collateral_coverage).toBeCloseTo(1.5, 6);
    expect(byName.debt_service_coverage).toBeGreaterThan(1.5);
    expect(r.body.characteristics).toHaveLength(7);
    expect(['A', 'B', 'C', 'D', 'E']).toContain(r.body.grade);
    // Re-running by hand finds the same assessment.
    const again = await assess(created.body.id);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(r.body.id);
  });

  it('puts every industry of the application form in exactly one risk tier', () => {
    const tiered = Object.values(industryRiskTiers).flat();
    expect([...tiered].sort()).toEqual([...industries].sort());
  });

  it('records an override only with a reason code and a written reason', async () => {
    const { applicationId } = await individual({ idNumber: goodPayer });
    expect((await assess(applicationId)).status).toBe(201);
    const url = `/api/staff/applications/${applicationId}/risk-assessment/override`;
    const noCode = await staff.loan_officer!.call('POST', url, {
      decision: 'refer',
      text: '面谈发现收入证明存疑',
    });
    expect(noCode).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const noText = await staff.loan_officer!.call('POST', url, {
      decision: 'refer',
      reasonCode: 'interview_finding',
    });
    expect(noText.status).toBe(400);
    const blank = await staff.loan_officer!.call('POST', url, {
      decision: 'refer',
      reasonCode: 'interview_finding',
      text: '   ',
    });
    expect(blank.status).toBe(400);
    const ok = await staff.risk_officer!.call('POST', url, {
      decision: 'refer',
      reasonCode: 'interview_finding',
      text: '面谈发现收入证明存疑',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      recommendation: 'approve',
      finalRecommendation: 'refer',
      override: {
        decision: 'refer',
        reasonCode: 'interview_finding',
        text: '面谈发现收入证明存疑',
        byRole: 'risk_officer',
      },
    });
    // The approver cannot override.
    expect(
      (await staff.approver!.call('POST', url, { decision: 'approve', reasonCode: 'other', text: 'x' }))
        .status,
    ).toBe(403);
  });

  it('keeps borrowers out: 403 on every risk route', async () => {
    const { c, applicationId } = await individual({ idNumber: goodPayer });
    for (const [method, url, body] of [
      ['GET', `/api/staff/applications/${applicationId}/risk-assessment`, undefined],
      ['POST', `/api/staff/applications/${applicationId}/risk-assessment`, {}],
      [
        'POST',
        `/api/staff/applications/${applicationId}/risk-assessment/override`,
        { decision: 'approve', reasonCode: 'other', text: 'mine' },
      ],
      ['GET', '/api/staff/risk/monitoring', undefined],
    ] as const) {
      const r = await c.call(method, url, body);
      expect(r.status, `${method} ${url}`).toBe(403);
    }
    // Staff asking for an application that does not exist get 404.
    expect((await assess('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('reports metrics and fairness, and raises alerts on skewed live data', async () => {
    const before = await staff.risk_officer!.call('GET', '/api/staff/risk/monitoring');
    expect(before.status).toBe(200);
    const retail = before.body.models.find((m: { id: string }) => m.id === 'retail-fixture');
    expect(retail).toMatchObject({
      kind: 'trained',
      holdout: { auc: 0.77 },
      crossValidatedAuc: 0.768,
      challenger: { kind: 'gradient-boosting' },
      populationStabilityIndex: null,
    });
    expect(retail.validationFairness).toHaveLength(2);
    expect(retail.liveAssessments).toBeGreaterThan(0);
    expect(before.body.models.some((m: { id: string }) => m.id === 'enterprise-expert')).toBe(true);
    expect(before.body.overrides.overridden).toBeGreaterThanOrEqual(1);
    expect(before.body.overrides.byReason).toEqual([{ reasonCode: 'interview_finding', count: 1 }]);
    expect(before.body.alerts).toEqual([]);

    // Feed 40 live assessments: men mostly declined, women approved, scores far below validation's.
    const deps = composeRiskDeps({ infra: p.infra, config: p.config });
    const owner = new TestClient(p.app);
    await owner.register();
    for (let i = 0; i < 40; i++) {
      const draft = await owner.call('POST', '/api/applications', {
        kind: 'individual',
        details: { loan: { productCode: 'personal-consumer', amount: '10000.00' } },
      });
      const isMale = i % 2 === 0;
      const approved = isMale ? i % 10 === 0 : true;
      const at = new Date();
      const evidence = await deps.evidence.prepare({
        type: 'risk.decision',
        applicationId: draft.body.id,
        actor: { accountId: null, role: 'system' },
        record: { kind: 'test' },
        at,
      });
      await p.infra.risk.store.add({
        assessment: {
          id: crypto.randomUUID(),
          applicationId: draft.body.id,
          model: {
            id: fixtureRetailModel.id,
            version: fixtureRetailModel.version,
            kind: 'trained',
            label: fixtureRetailModel.label,
          },
          policyVersion: 'risk-2026.1',
          inputsSha256: '0'.repeat(64),
          score: 500 + (i % 40),
          probabilityOfDefault: approved ? 0.04 : 0.4,
          grade: approved ? 'A' : 'E',
          recommendation: approved ? 'approve' : 'decline',
          recommendedLimit: approved ? '10000.00' : '0.00',
          recommendedAnnualRate: '0.0720',
          reasons: [],
          characteristics: [],
          bureau: null,
          override: null,
          leafHash: evidence.leafHash.toString('hex'),
          assessedAt: at,
          lastRunAt: at,
        },
        monitoring: { sex: isMale ? 'male' : 'female', ageBand: '26-35' },
        evidence,
      });
    }
    const after = await staff.approver!.call('GET', '/api/staff/risk/monitoring');
    expect(after.status).toBe(200);
    const live = after.body.models.find((m: { id: string }) => m.id === 'retail-fixture');
    expect(live.liveAssessments).toBeGreaterThanOrEqual(40);
    expect(live.populationStabilityIndex).toBeGreaterThan(0.25);
    const male = live.liveFairness.find(
      (g: { attribute: string; group: string }) => g.attribute === 'sex' && g.group === 'male',
    );
    expect(male.disparateImpact).toBeLessThan(0.8);
    expect(male.truePositiveRate).toBeNull();
    const codes = after.body.alerts.map((a: { code: string }) => a.code);
    expect(codes).toContain('disparate_impact_low');
    expect(codes).toContain('population_unstable');
    expect((await staff.admin!.call('GET', '/api/staff/risk/monitoring')).status).toBe(200);
    expect((await staff.loan_officer!.call('GET', '/api/staff/risk/monitoring')).status).toBe(403);
  });
});

describe('risk models on disk', () => {
  it('refuses to load a model that reads a protected characteristic', () => {
    let error: unknown;
    try {
      compileServedModel(sexReadingModel);
    } catch (e) {
      error = e;
    }
    expect(isAppError(error) && error.code).toBe('RISK_MODEL_INVALID');
    expect(() => createScorecardRegistry({ models: [compileServedModel(sexReadingModel)] })).toThrow();
  });

  it('loads every model file under models/ without a protected input', () => {
    const models = loadScorecardModels();
    const banned = new Set(platformProtectedInputs.map((x) => x.toLowerCase()));
    for (const { model } of models) {
      expect(model.format).toBe('mianqian-scorecard/1');
      expect(modelInputs(model).filter((n) => banned.has(n.toLowerCase()))).toEqual([]);
    }
    const registry = createScorecardRegistry({ models });
    expect(registry.modelFor('enterprise')?.model.kind).toBe('expert');
  });

  it('has the demo borrower in the local bureau file under the seed’s ID number', async () => {
    const first17 = '31010419880512123';
    const { createLocalFileCreditBureau } = await import('../../src/infra/risk/local-file-credit-bureau');
    const answer = await createLocalFileCreditBureau().query({
      name: '张三',
      idNumber: first17 + idNumberCheckCharacter(first17),
      purpose: 'loan_approval',
      consentId: 'c',
      reference: 'r',
    });
    expect(answer.record?.features.LIMIT_BAL).toBe(250000);
  });
});
