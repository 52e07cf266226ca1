import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationStatus } from '../../src/core/application/lifecycle';
import { createStaffAccount } from '../../src/features/accounts/create-staff-account';
import type { NewEvent } from '../../src/features/applications/application-store.port';
import { eventEvidence } from '../../src/features/applications/event-evidence';
import { readDashboard } from '../../src/features/operations/read-dashboard';
import { composeApplicationsDeps } from '../../src/http/compose-deps';
import { composeOperationsDeps } from '../../src/http/compose-operations';
import { submittedIndividualApplication } from '../support/fixtures';
import {
  createTestPlatform,
  dbTargets,
  TestClient,
  uniqueMobile,
  type TestPlatform,
} from '../support/test-platform';

describe.each(dbTargets())('operations dashboard on %s', (target) => {
  let p: TestPlatform;
  let officer: TestClient;
  let admin: TestClient;
  let borrower: TestClient;
  const ids: Record<string, string> = {};
  const references: Record<string, string> = {};

  /** Moves an application along `path` (each step by the loan officer), as the staff use cases record it. */
  async function walk(id: string, path: ApplicationStatus[]) {
    const deps = composeApplicationsDeps({ infra: p.infra, config: p.config });
    const app = (await deps.applications.findById(id))!;
    const events: NewEvent[] = [];
    let from = app.status;
    for (const to of path) {
      events.push({
        fromStatus: from,
        toStatus: to,
        actorAccountId: officer.accountId!,
        actorRole: 'loan_officer',
        reason: 'test',
      });
      from = to;
    }
    const moved = await deps.applications.transition({
      id,
      expectedVersion: app.version,
      status: from,
      events,
      evidence: await eventEvidence(deps, { applicationId: id, events }),
    });
    expect(moved?.status).toBe(from);
  }

  beforeAll(async () => {
    p = await createTestPlatform({ target });
    for (const role of ['loan_officer', 'admin'] as const) {
      const mobile = uniqueMobile();
      await createStaffAccount({
        deps: p.infra,
        input: { mobile, password: 'staff passphrase 2026', displayName: role, role },
      });
      const c = new TestClient(p.app);
      expect((await c.login(mobile, 'staff passphrase 2026')).status).toBe(200);
      if (role === 'admin') admin = c;
      else officer = c;
    }
    borrower = new TestClient(p.app);
    expect((await borrower.register()).status).toBe(201);
    for (const name of ['review', 'verified', 'risk', 'approved']) {
      const submitted = await submittedIndividualApplication(borrower);
      expect(submitted.body.status).toBe('under_review');
      ids[name] = submitted.body.id;
      references[name] = submitted.body.reference;
    }
    await walk(ids.verified!, ['identity_verified']);
    await walk(ids.risk!, ['identity_verified', 'interview_scheduled', 'interviewed', 'risk_control']);
    await walk(ids.approved!, [
      'identity_verified',
      'interview_scheduled',
      'interviewed',
      'risk_control',
      'approved',
    ]);
  }, 120_000);
  afterAll(() => p?.close());

  const dashboard = (as: TestClient, query = '') => as.call('GET', `/api/staff/operations/dashboard${query}`);

  it('counts the funnel and the states', async () => {
    const d = await dashboard(officer);
    expect(d.status).toBe(200);
    expect(d.body.submitted).toBe(4);
    expect(
      Object.fromEntries(d.body.funnel.map((f: { stage: string; reached: number }) => [f.stage, f.reached])),
    ).toEqual({
      submitted: 4,
      under_review: 4,
      identity_verified: 3,
      interview_scheduled: 2,
      interviewed: 2,
      risk_control: 2,
      approved: 1,
      contract_signed: 0,
      disbursed: 0,
    });
    expect(d.body.funnel[1]).toMatchObject({ ofSubmitted: 1, ofPrevious: 1 });
    expect(d.body.funnel[2]).toMatchObject({ ofSubmitted: 0.75 });
    const current = Object.fromEntries(
      d.body.currentByState
        .filter((s: { count: number }) => s.count > 0)
        .map((s: { state: string; count: number }) => [s.state, s.count]),
    );
    expect(current).toEqual({ under_review: 1, identity_verified: 1, risk_control: 1, approved: 1 });
    expect(d.body.times.submissionToDecision.count).toBe(1);
    expect(d.body.times.submissionToDecision.medianHours).toBeLessThan(1);
    expect(d.body.times.submissionToDisbursement).toEqual({ count: 0, medianHours: null, p90Hours: null });
    expect(d.body.percentileMethod).toBe('nearest-rank');
    expect(JSON.stringify(d.body)).not.toMatch(/测试用户|applicantName|idNumber/);
  });

  it('counts the work waiting per role', async () => {
    const d = await dashboard(admin);
    const work = Object.fromEntries(
      d.body.workPerRole.map(
        (r: { role: string; total: number; queues: { queue: string; count: number }[] }) => [
          r.role,
          {
            total: r.total,
            ...Object.fromEntries(r.queues.filter((q) => q.count > 0).map((q) => [q.queue, q.count])),
          },
        ],
      ),
    );
    expect(work).toEqual({
      loan_officer: {
        total: 4,
        under_review: 1,
        identity_verified: 1,
        risk_control_not_submitted: 1,
        approved_without_contract: 1,
      },
      risk_officer: { total: 0 },
      approver: { total: 0 },
    });
  });

  it('finds SLA breaches at a later time (the injected clock)', async () => {
    expect((await dashboard(officer)).body.sla).toMatchObject({
      policyVersion: 'sla-2026.1',
      breachCount: 0,
      breaches: [],
    });
    const at = (hours: number) =>
      readDashboard({
        deps: composeOperationsDeps({
          infra: p.infra,
          clock: () => new Date(Date.now() + hours * 3_600_000),
        }),
        days: 30,
      });
    const d = await at(49);
    expect(d.sla.breachCount).toBe(1);
    expect(d.sla.breaches[0]).toMatchObject({
      applicationId: ids.review,
      reference: references.review,
      state: 'under_review',
      maxHours: 48,
    });
    expect(d.sla.breaches[0]!.hoursOver).toBeGreaterThanOrEqual(0.9);
    expect(d.sla.breaches[0]!.hoursOver).toBeLessThanOrEqual(1.1);
    const later = await at(74);
    expect(later.sla.breaches.map((b) => [b.state, b.reference])).toEqual([
      ['under_review', references.review],
      ['risk_control', references.risk],
    ]);
    // Approved a week and more ago without a signed contract.
    expect((await at(7 * 24 + 2)).sla.breaches.map((b) => b.state)).toContain('approved');
  });

  it('refuses borrowers (403) and a bad period (400)', async () => {
    const r = await dashboard(borrower);
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await dashboard(officer, '?days=0')).status).toBe(400);
  });
});
