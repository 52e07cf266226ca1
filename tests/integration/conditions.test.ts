import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { samplePdf, seedDemo } from '../../src/cli/seed-demo';
import { purgePersonalData } from '../../src/features/privacy/purge-personal-data';
import { composePrivacyDeps } from '../../src/http/compose-privacy';
import { meetConditions, uploadConditionEvidence } from '../support/conditions-journey';
import { contractJourney, demo } from '../support/contract-journey';
import { createTestPlatform, dbTargets, type TestClient, type TestPlatform } from '../support/test-platform';

/** A real 8×8 JPEG (mozjpeg). */
const jpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wCEAAYGBgYHBgcICAcKCwoLCg8ODAwODxYQERAREBYiFRkVFRkVIh4kHhweJB42KiYmKjY+NDI0PkxERExfWl98fKcBBgYGBgcGBwgIBwoLCgsKDw4MDA4PFhAREBEQFiIVGRUVGRUiHiQeHB4kHjYqJiYqNj40MjQ+TERETF9aX3x8p//CABEIAAgACAMBIQACEQEDEQH/xAAnAAEBAAAAAAAAAAAAAAAAAAAABwEBAAAAAAAAAAAAAAAAAAAAAP/aAAwDAQACEAMQAAAAsA//xAAUEAEAAAAAAAAAAAAAAAAAAAAA/9oACAEBAAE/AH//xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oACAECAQE/AH//xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oACAEDAQE/AH//2Q==',
  'base64',
);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(dbTargets())('conditions precedent on %s', (target) => {
  let p: TestPlatform;
  let approvedId: string;
  let projectId: string;
  let workingCapitalId: string;
  let withdrawnId: string;
  let officer: TestClient;
  let risk: TestClient;
  let before: { condition: number };
  const journey = contractJourney(() => p);
  const db = () => p.infra.database.db;
  const countEntries = async (c: TestClient, id: string) => {
    await p.app.ledgerIntegrator?.tick();
    const entries = await c.call('GET', `/api/ledger/applications/${id}/entries`);
    expect(entries.status).toBe(200);
    const types = (entries.body.entries as { type: string }[]).map((e) => e.type);
    return {
      condition: types.filter((t) => t === 'condition').length,
    };
  };
  const url = (id: string, rest = '') => `/api/staff/applications/${id}/conditions${rest}`;
  const byProduct = async (code: string) =>
    (
      await db()
        .selectFrom('applications')
        .select(['id', 'status'])
        .where('product_code', '=', code)
        .execute()
    ).map((r) => r.id);

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    await seedDemo({ infra: p.infra, config: p.config });
    approvedId = (
      await db()
        .selectFrom('applications')
        .select('id')
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow()
    ).id;
    projectId = (await byProduct('project-finance'))[0]!;
    workingCapitalId = (await byProduct('enterprise-working-capital'))[0]!;
    withdrawnId = (
      await db()
        .selectFrom('applications')
        .select('id')
        .where('status', '=', 'withdrawn')
        .executeTakeFirstOrThrow()
    ).id;
    officer = await journey.logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    risk = await journey.logIn(demo('risk_officer').mobile, demo('risk_officer').password);
    before = await countEntries(officer, approvedId);
  }, 120_000);
  afterAll(() => p?.close());

  it('lists the checklist of each product, all outstanding at first', async () => {
    const personal = await officer.call('GET', url(approvedId));
    expect(personal.status).toBe(200);
    expect(personal.body).toMatchObject({
      applicationId: approvedId,
      applicationStatus: 'approved',
      checklistVersion: 'conditions-2026.1',
      isOpen: true,
      outstanding: ['repayment_debit_authorisation', 'loan_purpose_undertaking'],
    });
    expect(personal.body.items[0]).toMatchObject({
      code: 'repayment_debit_authorisation',
      title: { 'zh-CN': '还款账户代扣授权' },
      status: 'outstanding',
      resolution: null,
      mayTick: true,
      mayWaive: false,
    });
    const project = await officer.call('GET', url(projectId));
    expect(project.body.outstanding).toEqual(
      expect.arrayContaining([
        'board_resolution',
        'business_licence_verified',
        'mortgage_registration',
        'property_insurance',
        'own_funds_in_place',
      ]),
    );
    const wc = await officer.call('GET', url(workingCapitalId));
    expect(wc.body.outstanding).toContain('board_resolution');
    expect(wc.body.outstanding).not.toContain('mortgage_registration');
    expect((await officer.call('GET', url(approvedId, '/no_such_condition/evidence'))).status).toBe(404);
    expect((await officer.call('GET', url(randomUUID()))).status).toBe(404);
  });

  it('ticks with a real PDF and JPEG, refuses other files, and keeps the file encrypted at rest', async () => {
    const bad = await uploadConditionEvidence(officer, approvedId, 'repayment_debit_authorisation', {
      bytes: Buffer.from('<html><script>alert(1)</script>'),
      contentType: 'text/html',
      filename: 'x.html',
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    const disguised = await uploadConditionEvidence(officer, approvedId, 'repayment_debit_authorisation', {
      bytes: Buffer.from('MZ\x90\x00 not a pdf'),
    });
    expect(disguised.status).toBe(415);
    expect(disguised.body.error.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    // A risk officer may not tick this one (loan officers only).
    expect(
      (await uploadConditionEvidence(risk, approvedId, 'repayment_debit_authorisation')).body.error.code,
    ).toBe('FORBIDDEN');

    const pdf = samplePdf('代扣授权书');
    const ticked = await uploadConditionEvidence(officer, approvedId, 'repayment_debit_authorisation', {
      bytes: pdf,
      note: '原件已核对',
    });
    expect(ticked.status).toBe(201);
    const item = ticked.body.items.find((i: { code: string }) => i.code === 'repayment_debit_authorisation');
    expect(item).toMatchObject({
      status: 'met',
      mayTick: false,
      mayRevoke: true,
      resolution: {
        kind: 'met',
        note: '原件已核对',
        by: { accountId: officer.accountId, role: 'loan_officer' },
        evidence: { contentType: 'application/pdf', sizeBytes: pdf.length, sha256: sha256(pdf) },
      },
    });
    expect(ticked.body.outstanding).toEqual(['loan_purpose_undertaking']);
    const again = await uploadConditionEvidence(officer, approvedId, 'repayment_debit_authorisation');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONDITION_ALREADY_RESOLVED');

    const photo = await uploadConditionEvidence(officer, approvedId, 'loan_purpose_undertaking', {
      bytes: jpeg,
      contentType: 'image/jpeg',
      filename: '承诺书.jpg',
    });
    expect(photo.status).toBe(201);
    expect(photo.body.outstanding).toEqual([]);

    // Download: the same bytes, as an attachment.
    const download = await risk.call('GET', url(approvedId, '/loan_purpose_undertaking/evidence'));
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(sha256(download.raw.rawPayload)).toBe(sha256(jpeg));

    // At rest: the blob is not the file, and the note is not in clear in the database.
    const row = await db()
      .selectFrom('condition_resolutions')
      .selectAll()
      .where('application_id', '=', approvedId)
      .where('condition_code', '=', 'repayment_debit_authorisation')
      .executeTakeFirstOrThrow();
    const stored = readFileSync(join(p.config.dataDir, 'blobs', row.blob_key!.slice(0, 2), row.blob_key!));
    expect(stored.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(stored.includes(pdf.subarray(0, 64))).toBe(false);
    expect(row.sha256).toBe(sha256(pdf));
    expect(row.note_enc).not.toContain('原件已核对');
  });

  it('revokes a tick with a reason, and the condition is outstanding again', async () => {
    const noReason = await officer.call('POST', url(approvedId, '/loan_purpose_undertaking/revoke'), {});
    expect(noReason.status).toBe(400);
    const approver = await journey.logIn(demo('approver').mobile, demo('approver').password);
    expect(
      (
        await approver.call('POST', url(approvedId, '/loan_purpose_undertaking/revoke'), {
          reason: '扫描不清',
        })
      ).status,
    ).toBe(403);
    const revoked = await risk.call('POST', url(approvedId, '/loan_purpose_undertaking/revoke'), {
      reason: '扫描件不清晰',
    });
    expect(revoked.status).toBe(200);
    const list = await officer.call('GET', url(approvedId));
    expect(list.body.outstanding).toEqual(['loan_purpose_undertaking']);
    const item = list.body.items.find((i: { code: string }) => i.code === 'loan_purpose_undertaking');
    expect(item.status).toBe('outstanding');
    expect(item.history).toHaveLength(1);
    expect(item.history[0].revoked).toMatchObject({ reason: '扫描件不清晰', by: { role: 'risk_officer' } });
    expect((await officer.call('GET', url(approvedId, '/loan_purpose_undertaking/evidence'))).status).toBe(
      409,
    );
    const twice = await risk.call('POST', url(approvedId, '/loan_purpose_undertaking/revoke'), {
      reason: '再撤一次',
    });
    expect(twice.body.error.code).toBe('CONDITION_NOT_RESOLVED');
  });

  it('lets an approver waive a waivable condition after a second factor only', async () => {
    const approver = await journey.logIn(demo('approver').mobile, demo('approver').password);
    const body = { reason: '客户为本行代发工资客户，用途已另行核实' };
    const noStepUp = await approver.call('POST', url(approvedId, '/loan_purpose_undertaking/waive'), body);
    expect(noStepUp.status).toBe(403);
    expect(['STEP_UP_REQUIRED', 'SECOND_FACTOR_NOT_ENROLLED']).toContain(noStepUp.body.error.code);
    expect(
      (await officer.call('POST', url(approvedId, '/loan_purpose_undertaking/waive'), body)).status,
    ).toBe(403);

    const stepped = await journey.logInSteppedUp(demo('approver').mobile, demo('approver').password);
    const notWaivable = await stepped.call('POST', url(projectId, '/own_funds_in_place/waive'), body);
    expect(notWaivable.status).toBe(422);
    expect(notWaivable.body.error.code).toBe('CONDITION_NOT_WAIVABLE');
    const met = await stepped.call('POST', url(approvedId, '/repayment_debit_authorisation/waive'), body);
    expect(met.status).toBe(422);

    const waived = await stepped.call('POST', url(approvedId, '/loan_purpose_undertaking/waive'), body);
    expect(waived.status).toBe(200);
    const list = await stepped.call('GET', url(approvedId));
    expect(list.body.outstanding).toEqual([]);
    expect(
      list.body.items.find((i: { code: string }) => i.code === 'loan_purpose_undertaking'),
    ).toMatchObject({
      status: 'waived',
      resolution: { kind: 'waived', note: body.reason, evidence: null, by: { role: 'approver' } },
    });
  });

  it('refuses changes outside risk control, approval and signing', async () => {
    const closed = await uploadConditionEvidence(officer, withdrawnId, 'repayment_debit_authorisation');
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('CONDITIONS_CLOSED');
    const list = await officer.call('GET', url(withdrawnId));
    expect(list.body).toMatchObject({ isOpen: false, applicationStatus: 'withdrawn' });
    expect(list.body.items.every((i: { mayTick: boolean }) => !i.mayTick)).toBe(true);
  });

  it('shows the borrower their own checklist, titles and status only; others get 403 or 404', async () => {
    const { borrower: b } = contractJourneyAccounts;
    const owner = await journey.logIn(b.mobile, b.password);
    const own = await owner.call('GET', `/api/applications/${approvedId}/conditions`);
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([
      { code: 'repayment_debit_authorisation', title: expect.any(Object), status: 'met' },
      { code: 'loan_purpose_undertaking', title: expect.any(Object), status: 'waived' },
    ]);
    expect(JSON.stringify(own.body)).not.toContain('sha256');
    expect((await owner.call('GET', url(approvedId))).status).toBe(403);
    expect((await owner.call('GET', url(approvedId, '/repayment_debit_authorisation/evidence'))).status).toBe(
      403,
    );
    expect((await uploadConditionEvidence(owner, approvedId, 'repayment_debit_authorisation')).status).toBe(
      403,
    );
    const stranger = await journey.logIn(
      demo('borrower_individual').mobile,
      demo('borrower_individual').password,
    );
    expect((await stranger.call('GET', `/api/applications/${approvedId}/conditions`)).status).toBe(404);
    expect((await officer.call('GET', `/api/applications/${approvedId}/conditions`)).status).toBe(403);
  });

  it('puts every tick, revocation and waiver on the ledger', async () => {
    // Two ticks, the revocation of one, and the waiver.
    expect(await countEntries(officer, approvedId)).toEqual({ condition: before.condition + 4 });
    const rows = await db()
      .selectFrom('condition_resolutions')
      .selectAll()
      .where('application_id', '=', approvedId)
      .execute();
    expect(rows).toHaveLength(3);
    // Helpers meet whatever is outstanding (used by the disbursement tests).
    expect(await meetConditions(officer, approvedId)).toEqual([]);
  });

  it('erases a withdrawn application’s condition notes and files and its risk inputs after the retention, keeping what was decided', async () => {
    const b = contractJourneyAccounts.borrower;
    const owner = await journey.logIn(b.mobile, b.password);
    const before = await db()
      .selectFrom('condition_resolutions')
      .selectAll()
      .where('application_id', '=', approvedId)
      .execute();
    const withFiles = before.filter((r) => r.blob_key);
    expect(withFiles.length).toBeGreaterThan(0);
    const blobPath = (key: string) => join(p.config.dataDir, 'blobs', key.slice(0, 2), key);
    for (const r of withFiles) expect(existsSync(blobPath(r.blob_key!))).toBe(true);
    const assessmentsBefore = await db()
      .selectFrom('risk_assessments')
      .selectAll()
      .where('application_id', '=', approvedId)
      .execute();
    expect(assessmentsBefore.length).toBeGreaterThan(0);
    const withdrawn = await owner.call('POST', `/api/applications/${approvedId}/withdraw`, {
      reason: '不再需要',
    });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).toBe(200);

    const later = new Date(Date.now() + (p.config.closedApplicationRetentionDays + 1) * 86_400_000);
    const purged = await purgePersonalData({
      deps: composePrivacyDeps({ infra: p.infra, config: p.config, clock: () => later }),
    });
    expect(purged.applications).toContain(approvedId);

    // The files are gone; the notes and file names too; the code, kind, who, when and hash stay.
    for (const r of withFiles) expect(existsSync(blobPath(r.blob_key!))).toBe(false);
    const after = await db()
      .selectFrom('condition_resolutions')
      .selectAll()
      .where('application_id', '=', approvedId)
      .execute();
    expect(after).toHaveLength(before.length);
    for (const r of after) {
      const was = before.find((x) => x.id === r.id)!;
      expect(p.infra.cipher.decrypt(r.note_enc)).toBe('');
      expect(r.filename).toBeNull();
      expect(r.revoke_reason_enc).toBeNull();
      expect(r.blob_key).toBe(was.blob_key ? '' : null);
      expect({ code: r.condition_code, kind: r.kind, sha256: r.sha256, by: r.resolved_by }).toEqual({
        code: was.condition_code,
        kind: was.kind,
        sha256: was.sha256,
        by: was.resolved_by,
      });
    }
    const inForce = withFiles.find((r) => r.revoked_at === null)!;
    const file = await officer.call('GET', url(approvedId, `/${inForce.condition_code}/evidence`));
    expect(file.status).toBe(410);
    expect(file.body.error.code).toBe('DOCUMENT_ERASED');
    const list = await officer.call('GET', url(approvedId));
    expect(list.status).toBe(200);

    // Risk: the applicant's values and the bureau's facts go; score, grade, reasons and bins stay.
    const assessments = await db()
      .selectFrom('risk_assessments')
      .selectAll()
      .where('application_id', '=', approvedId)
      .execute();
    for (const a of assessments) {
      const was = assessmentsBefore.find((x) => x.id === a.id)!;
      const values = JSON.parse(p.infra.cipher.decrypt(a.characteristics_enc)) as {
        value: unknown;
        binIndex: number;
        points: number;
      }[];
      const wasValues = JSON.parse(p.infra.cipher.decrypt(was.characteristics_enc)) as typeof values;
      expect(values.map((c) => c.value)).toEqual(values.map(() => null));
      expect(values.map((c) => [c.binIndex, c.points])).toEqual(wasValues.map((c) => [c.binIndex, c.points]));
      expect(a.bureau_facts_enc).toBeNull();
      expect(a.override_text_enc).toBeNull();
      expect({ score: a.score, grade: a.grade, reasons: a.reasons }).toEqual({
        score: was.score,
        grade: was.grade,
        reasons: was.reasons,
      });
    }
    const report = await risk.call('GET', `/api/staff/applications/${approvedId}/risk-assessment`);
    expect(report.status).toBe(200);
    expect(report.body.grade).toBe(assessments[0]!.grade);
  });
});
