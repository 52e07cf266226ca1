import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
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
  individualDetails,
  pdf,
  projectDetails,
  submittedIndividualApplication,
  uploadPdf,
} from '../support/fixtures';

describe.each(dbTargets())('loan applications on %s', (target) => {
  let p: TestPlatform;
  let officer: TestClient;
  beforeAll(async () => {
    p = await createTestPlatform({ target });
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'officer passphrase', displayName: '王经理', role: 'loan_officer' },
    });
    officer = new TestClient(p.app);
    await officer.login(mobile, 'officer passphrase');
  });
  afterAll(() => p.close());

  const borrower = async (input: Record<string, unknown> = {}) => {
    const c = new TestClient(p.app);
    await c.register(input);
    return c;
  };

  it('saves a draft, resumes it, and lists what is missing', async () => {
    const c = await borrower();
    const draft = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: {
        loan: { productCode: 'personal-consumer', amount: '30000' },
        applicant: { fullName: '张三' },
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      version: 1,
      amount: '30000',
      reference: expect.stringMatching(/^MQ-\d{4}-\d{6}$/),
    });
    expect(draft.body.missingFields).toEqual(
      expect.arrayContaining(['loan.termMonths', 'applicant.idNumber']),
    );
    expect(draft.body.events).toMatchObject([
      { seq: 1, fromStatus: null, toStatus: 'draft', actorRole: 'borrower_individual' },
    ]);

    const saved = await c.call('PUT', `/api/applications/${draft.body.id}`, {
      version: 1,
      details: individualDetails(),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.missingFields).toEqual([]);
    const stale = await c.call('PUT', `/api/applications/${draft.body.id}`, {
      version: 1,
      details: individualDetails(),
    });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'APPLICATION_CONFLICT' } } });

    const resumed = await c.call('GET', `/api/applications/${draft.body.id}`);
    expect(resumed.body.details.applicant.idNumber).toBe(idNumberFor('19900307'));
    const mine = await c.call('GET', '/api/applications');
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: draft.body.id, status: 'draft' }] });
  });

  it('refuses to submit an incomplete draft, naming the missing fields', async () => {
    const c = await borrower();
    const draft = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: { loan: { productCode: 'personal-consumer' } },
    });
    const r = await c.call('POST', `/api/applications/${draft.body.id}/submit`, {});
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('APPLICATION_INCOMPLETE');
    expect(r.body.error.details.missingFields).toContain('applicant.monthlyIncome');
  });

  it('screens on submit: passes a sound application with each rule and the policy version stored', async () => {
    const c = await borrower();
    const r = await submittedIndividualApplication(c);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('under_review');
    expect(r.body.screening).toMatchObject({ decision: 'pass', policyVersion: '2026.1' });
    expect(r.body.screening.results.map((x: { ruleId: string }) => x.ruleId)).toEqual(
      expect.arrayContaining([
        'amount_range',
        'term_range',
        'applicant_age',
        'debt_to_income',
        'blocklist',
        'required_documents',
      ]),
    );
    expect(r.body.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'draft',
      'submitted',
      'screening',
      'under_review',
    ]);
    expect(r.body.events[2]).toMatchObject({ actorRole: 'system', reason: 'policy 2026.1' });
    expect(r.body.submittedAt).not.toBeNull();
  });

  it('rejects at screening with reasons in Chinese and English', async () => {
    const c = await borrower();
    const r = await submittedIndividualApplication(c, {
      applicant: { idNumber: idNumberFor('19600101') },
      loan: { termMonths: 60 },
    });
    expect(r.body.status).toBe('rejected');
    const age = r.body.screening.results.find((x: { ruleId: string }) => x.ruleId === 'applicant_age');
    expect(age.outcome).toBe('fail');
    expect(age.reason['zh-CN']).toContain('超过 65 岁上限');
    expect(age.reason.en).toContain('older than 65');
  });

  it('rejects blocklisted ID numbers and credit codes', async () => {
    await p.infra.applications.addToBlocklist({
      kind: 'id_number',
      identifier: idNumberFor('19850101', '999'),
      reason: 'fraud case 2025-17',
    });
    const c = await borrower();
    const r = await submittedIndividualApplication(c, {
      applicant: { idNumber: idNumberFor('19850101', '999') },
    });
    expect(r.body.status).toBe('rejected');
    expect(r.body.screening.results.find((x: { ruleId: string }) => x.ruleId === 'blocklist').outcome).toBe(
      'fail',
    );
  });

  it('takes enterprise project financing with stakeholders and screens the enterprise rules', async () => {
    const code = creditCodeFor('91310000MA1K00077');
    const c = await borrower({
      role: 'borrower_enterprise',
      enterprise: { companyName: '星河新能源有限公司', creditCode: code, actingAs: 'legal_representative' },
    });
    const created = await c.call('POST', '/api/applications', {
      kind: 'enterprise',
      details: projectDetails(code),
    });
    expect(created.status).toBe(201);
    expect(created.body.details.stakeholders).toHaveLength(2);
    for (const kind of [
      'business_licence',
      'financial_statements',
      'id_card_copy',
      'project_feasibility_study',
      'board_resolution',
    ])
      expect((await uploadPdf(c, created.body.id, kind)).status).toBe(201);
    const r = await c.call('POST', `/api/applications/${created.body.id}/submit`, {
      version: created.body.version,
    });
    expect(r.body.status).toBe('under_review');
    const rules = r.body.screening.results.map((x: { ruleId: string }) => x.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining([
        'credit_code_valid',
        'years_in_operation',
        'debt_to_asset',
        'excluded_industry',
        'own_funds_ratio',
        'financing_gap',
      ]),
    );
    // An individual account cannot file an enterprise application and vice versa.
    expect(
      (await c.call('POST', '/api/applications', { kind: 'individual', details: individualDetails() })).body
        .error.code,
    ).toBe('APPLICATION_KIND_MISMATCH');
    const wrongSection = await c.call('POST', '/api/applications', {
      kind: 'enterprise',
      details: { ...projectDetails(code), applicant: { fullName: 'x' } },
    });
    expect(wrongSection.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 409 with a clear code for illegal transitions', async () => {
    const c = await borrower();
    const r = await submittedIndividualApplication(c);
    const again = await c.call('POST', `/api/applications/${r.body.id}/submit`, {});
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      details: { from: 'under_review', to: 'submitted' },
    });
    const edit = await c.call('PUT', `/api/applications/${r.body.id}`, {
      version: r.body.version,
      details: individualDetails(),
    });
    expect(edit.status).toBe(409);
    const withdrawn = await c.call('POST', `/api/applications/${r.body.id}/withdraw`, { reason: '不需要了' });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(withdrawn.body.events.at(-1)).toMatchObject({
      fromStatus: 'under_review',
      toStatus: 'withdrawn',
      reason: '不需要了',
    });
    expect((await c.call('POST', `/api/applications/${r.body.id}/withdraw`, {})).status).toBe(409);
  });

  it('submits each application once under concurrent submits', async () => {
    const c = await borrower();
    const created = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: individualDetails(),
    });
    for (const kind of ['id_card_copy', 'income_proof']) await uploadPdf(c, created.body.id, kind);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => c.call('POST', `/api/applications/${created.body.id}/submit`, {})),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7);
    const final = await c.call('GET', `/api/applications/${created.body.id}`);
    expect(final.body.events).toHaveLength(4);
  });

  it('takes many concurrent applications, each with its own reference and first event', async () => {
    const clients = await Promise.all(Array.from({ length: 4 }, () => borrower()));
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        clients[i % 4]!.call('POST', '/api/applications', {
          kind: 'individual',
          details: individualDetails({ applicant: { fullName: `并发${i}` } }),
        }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual(Array(40).fill(201));
    expect(new Set(created.map((c) => c.body.reference)).size).toBe(40);
    for (const [i, c] of created.entries()) {
      const back = await clients[i % 4]!.call('GET', `/api/applications/${c.body.id}`);
      expect(back.body.details.applicant.fullName).toBe(`并发${i}`);
      expect(back.body.events).toMatchObject([
        { seq: 1, toStatus: 'draft', actorRole: 'borrower_individual' },
      ]);
      expect(back.body.borrowerAccountId).toBe(clients[i % 4]!.accountId);
    }
  });

  it('keeps the event history append-only in the database itself', async () => {
    const c = await borrower();
    const r = await submittedIndividualApplication(c);
    await expect(
      sql`update application_events set reason = 'edited' where application_id = ${r.body.id}`.execute(
        p.infra.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from application_events where application_id = ${r.body.id}`.execute(p.infra.database.db),
    ).rejects.toThrow(/append-only/);
  });

  it('stores documents with their SHA-256 and serves them back only as attachments to the borrower and staff', async () => {
    const c = await borrower();
    const created = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: individualDetails(),
    });
    const up = await uploadPdf(c, created.body.id, 'income_proof', '张三 收入证明.pdf');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      kind: 'income_proof',
      filename: '张三 收入证明.pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
    });
    const { createHash } = await import('node:crypto');
    expect(up.body.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    const down = await c.call('GET', `/api/applications/${created.body.id}/documents/${up.body.id}`);
    expect(down.status).toBe(200);
    expect(down.raw.rawPayload.equals(pdf)).toBe(true);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(down.headers['content-disposition']).toMatch(/^attachment;/);
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(
      (await officer.call('GET', `/api/applications/${created.body.id}/documents/${up.body.id}`)).status,
    ).toBe(200);
    const stranger = await borrower();
    expect(
      (await stranger.call('GET', `/api/applications/${created.body.id}/documents/${up.body.id}`)).status,
    ).toBe(404);
  });

  it('refuses disguised, active or oversized uploads', async () => {
    const c = await borrower();
    const created = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: individualDetails(),
    });
    const url = (kind: string, name: string) =>
      `/api/applications/${created.body.id}/documents?kind=${kind}&filename=${name}`;
    const html = await c.call('POST', url('other', 'x.pdf'), '<html><script>alert(1)</script>', {
      'content-type': 'text/html',
    });
    expect(html.status).toBe(415);
    const exe = await c.call('POST', url('other', 'x.pdf'), Buffer.from('MZ\x90\x00binary'), {
      'content-type': 'application/pdf',
    });
    expect(exe).toMatchObject({
      status: 415,
      body: { error: { code: 'DOCUMENT_TYPE_NOT_ALLOWED', details: { problem: 'CONTENT_MISMATCH' } } },
    });
    const js = await c.call(
      'POST',
      url('other', 'x.pdf'),
      Buffer.from('%PDF-1.7\n/OpenAction << /JS (app.alert(1)) >>'),
      { 'content-type': 'application/pdf' },
    );
    expect(js.body.error.details.problem).toBe('ACTIVE_CONTENT');
    const big = await c.call(
      'POST',
      url('other', 'x.pdf'),
      Buffer.concat([pdf, Buffer.alloc(p.config.maxUploadBytes)]),
      { 'content-type': 'application/pdf' },
    );
    expect(big.status).toBe(413);
    expect((await c.call('GET', `/api/applications/${created.body.id}`)).body.documents).toEqual([]);
  });

  it('hides other borrowers’ applications behind 404 and keeps staff out of borrower actions', async () => {
    const owner = await borrower();
    const r = await submittedIndividualApplication(owner);
    const other = await borrower();
    for (const [method, url, body] of [
      ['GET', `/api/applications/${r.body.id}`, undefined],
      ['POST', `/api/applications/${r.body.id}/withdraw`, {}],
      ['PUT', `/api/applications/${r.body.id}`, { version: 1, details: individualDetails() }],
    ] as const) {
      const a = await other.call(method, url, body);
      expect(a.status, `${method} ${url}`).toBe(404);
      expect(a.body.error.code).toBe('APPLICATION_NOT_FOUND');
    }
    expect((await other.call('GET', '/api/staff/applications')).status).toBe(403);
    expect(
      (await officer.call('POST', '/api/applications', { kind: 'individual', details: individualDetails() }))
        .status,
    ).toBe(403);
    expect((await officer.call('POST', `/api/applications/${r.body.id}/withdraw`, {})).status).toBe(403);
  });

  it('shows staff a work queue with filters and search, drafts excluded', async () => {
    const c = await borrower();
    const draft = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: individualDetails({ applicant: { fullName: '孙悟空' } }),
    });
    const submitted = await submittedIndividualApplication(c, {
      applicant: { fullName: '孙悟空', idNumber: idNumberFor('19920202', '456') },
    });
    const byName = await officer.call('GET', `/api/staff/applications?q=${encodeURIComponent('孙悟空')}`);
    expect(byName.body.items.map((i: { id: string }) => i.id)).toEqual([submitted.body.id]);
    expect(byName.body.items[0]).toMatchObject({
      applicantName: '孙悟空',
      status: 'under_review',
      screeningDecision: 'pass',
    });
    const byId = await officer.call('GET', `/api/staff/applications?q=${idNumberFor('19920202', '456')}`);
    expect(byId.body.total).toBe(1);
    const byRef = await officer.call(
      'GET',
      `/api/staff/applications?q=${submitted.body.reference.toLowerCase()}`,
    );
    expect(byRef.body.items[0].id).toBe(submitted.body.id);
    const drafts = await officer.call('GET', '/api/staff/applications?status=draft');
    expect(drafts.body.items.some((i: { id: string }) => i.id === draft.body.id)).toBe(true);
    const all = await officer.call('GET', '/api/staff/applications?pageSize=100');
    expect(all.body.items.every((i: { status: string }) => i.status !== 'draft')).toBe(true);
    const enterprise = await officer.call(
      'GET',
      '/api/staff/applications?kind=enterprise&status=under_review',
    );
    expect(
      enterprise.body.items.every(
        (i: { kind: string; status: string }) => i.kind === 'enterprise' && i.status === 'under_review',
      ),
    ).toBe(true);
    const page = await officer.call('GET', '/api/staff/applications?pageSize=1&page=2');
    expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.body.total).toBeGreaterThan(1);
    const detail = await officer.call('GET', `/api/staff/applications/${submitted.body.id}`);
    expect(detail.body.screening.decision).toBe('pass');
  });

  it('expires stale drafts with an event', async () => {
    const c = await borrower();
    const draft = await c.call('POST', '/api/applications', {
      kind: 'individual',
      details: { loan: { productCode: 'personal-consumer' } },
    });
    const { expireStaleApplications } =
      await import('../../src/features/applications/expire-stale-applications');
    const { currentScreeningPolicy } = await import('../../src/core/screening/policy');
    const { composeApplicationsDeps } = await import('../../src/http/compose-deps');
    const deps = {
      ...composeApplicationsDeps({ infra: p.infra, config: p.config }),
      policy: currentScreeningPolicy,
      clock: () => new Date(Date.now() + 31 * 86_400_000),
    };
    expect(await expireStaleApplications({ deps, limit: 1000 })).toBeGreaterThanOrEqual(1);
    const after = await c.call('GET', `/api/applications/${draft.body.id}`);
    expect(after.body.status).toBe('expired');
    expect(after.body.events.at(-1)).toMatchObject({ actorRole: 'system', toStatus: 'expired' });
  });

  it('keeps ID numbers, phone numbers and names out of the raw database', async () => {
    const c = await borrower({ mobile: '13912345678', displayName: '欧阳娜娜' });
    await submittedIndividualApplication(c, {
      applicant: { fullName: '欧阳娜娜', idNumber: idNumberFor('19930303', '789'), mobile: '13912345678' },
    });
    const tables = [
      'accounts',
      'sessions',
      'applications',
      'application_events',
      'screenings',
      'documents',
      'ledger_openings',
      'ledger_checkpoints',
    ];
    let dump = '';
    for (const t of tables)
      dump += JSON.stringify((await sql`select * from ${sql.table(t)}`.execute(p.infra.database.db)).rows);
    // The ledger's leaves are public: they must hold no personal data at all.
    for (const t of ['ledger_entries', 'ledger_queue'])
      dump += JSON.stringify(
        (
          await sql`select convert_from(entry, 'UTF8') as leaf from ${sql.table(t)}`.execute(
            p.infra.database.db,
          )
        ).rows,
      );
    expect(dump).toContain('attests');
    expect(dump).not.toContain(idNumberFor('19930303', '789'));
    expect(dump).not.toContain('13912345678');
    expect(dump).not.toContain('欧阳娜娜');
    expect(dump.length).toBeGreaterThan(1000);
  });
});
