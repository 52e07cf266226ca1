import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import { createDbRecordingStore } from '../../src/infra/media/db-recording-store';
import { individualDetails } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';

/** Who may watch an interview's recording: the interviewer, and risk control once the file reaches it. */
describe.each(dbTargets())('interview recording access on %s', (target) => {
  let p: TestPlatform;
  const dir = mkdtempSync(join(tmpdir(), 'mianqian-recording-access-'));
  const staff: Record<string, TestClient> = {};
  let borrower: TestClient;
  let applicationId: string;
  const interviewId = randomUUID();

  const staffMember = async (name: string, role: string) => {
    const mobile = uniqueMobile();
    await createStaffAccount({
      deps: p.infra,
      input: { mobile, password: 'staff passphrase 2026', displayName: name, role: role as 'loan_officer' },
    });
    const client = new TestClient(p.app);
    expect((await client.login(mobile, 'staff passphrase 2026')).status).toBe(200);
    staff[name] = client;
  };

  const setStatus = (status: string) =>
    (p.infra.database.db as any)
      .updateTable('applications')
      .set({ status })
      .where('id', '=', applicationId)
      .execute();

  const watch = (who: TestClient) =>
    Promise.all([
      who.call('GET', `/api/staff/interviews/${interviewId}/recordings`).then((a) => a.status),
      who.call('GET', `/api/staff/interviews/${interviewId}/recording`).then((a) => a.status),
    ]);

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    for (const [name, role] of [
      ['interviewer', 'loan_officer'],
      ['otherOfficer', 'loan_officer'],
      ['risk', 'risk_officer'],
      ['approver', 'approver'],
    ] as const)
      await staffMember(name, role);
    borrower = new TestClient(p.app);
    expect((await borrower.register()).status).toBe(201);
    const created = await borrower.call('POST', '/api/applications', {
      kind: 'individual',
      details: individualDetails(),
    });
    expect(created.status).toBe(201);
    applicationId = created.body.id;
    const path = join(dir, 'session.webm');
    writeFileSync(path, 'composite bytes');
    await createDbRecordingStore({ db: p.infra.database.db }).insert({
      id: randomUUID(),
      interviewId,
      applicationId,
      sessionId: randomUUID(),
      path,
      sha256: 'a'.repeat(64),
      durationMs: 20_000,
      sizeBytes: 15,
      participants: [
        { accountId: staff.interviewer!.accountId!, role: 'officer' },
        { accountId: borrower.accountId!, role: 'borrower' },
      ],
      segments: [],
      sessionStartedAt: new Date(),
      createdAt: new Date(),
      ledgerIndex: null,
    });
  }, 180_000);

  afterAll(async () => {
    await p?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets the interviewer watch, and refuses a loan officer who did not conduct the interview', async () => {
    await setStatus('interview_scheduled');
    expect(await watch(staff.interviewer!)).toEqual([200, 200]);
    const refused = await staff.otherOfficer!.call('GET', `/api/staff/interviews/${interviewId}/recording`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).toContain('RECORDING_ACCESS_DENIED');
    expect(await watch(staff.otherOfficer!)).toEqual([403, 403]);
    // Not staff at all: the role check answers first.
    expect(await watch(borrower)).toEqual([403, 403]);
  });

  it('serves byte ranges, and answers a range outside the file with a JSON 416', async () => {
    await setStatus('interview_scheduled');
    const url = `/api/staff/interviews/${interviewId}/recording`;
    const part = await staff.interviewer!.call('GET', url, undefined, { range: 'bytes=0-8' });
    expect([part.status, part.headers['content-range'], part.raw.body]).toEqual([
      206,
      'bytes 0-8/15',
      'composite',
    ]);
    const outside = await staff.interviewer!.call('GET', url, undefined, { range: 'bytes=100-200' });
    expect([outside.status, outside.headers['content-range']]).toEqual([416, 'bytes */15']);
    expect(outside.body.error.code).toBe('RANGE_NOT_SATISFIABLE');
  });

  it('opens it to risk officers from QC on, to other loan officers during QC only, and to approvers from risk control on', async () => {
    await setStatus('interview_scheduled');
    expect(await watch(staff.risk!)).toEqual([403, 403]);
    expect(await watch(staff.approver!)).toEqual([403, 403]);
    await setStatus('interviewed');
    expect(await watch(staff.risk!)).toEqual([200, 200]);
    expect(await watch(staff.approver!)).toEqual([403, 403]);
    // QC may be signed off by a loan officer who did not interview: they watch what they sign.
    expect(await watch(staff.otherOfficer!)).toEqual([200, 200]);
    await setStatus('risk_control');
    expect(await watch(staff.risk!)).toEqual([200, 200]);
    expect(await watch(staff.approver!)).toEqual([200, 200]);
    expect(await watch(staff.otherOfficer!)).toEqual([403, 403]);
    await setStatus('disbursed');
    expect(await watch(staff.approver!)).toEqual([200, 200]);
    expect(await watch(staff.interviewer!)).toEqual([200, 200]);
  });
});
