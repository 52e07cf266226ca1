import { describe, expect, it } from 'vitest';
import { buildFunnel, currentByState, reachedFromHistories } from './funnel';
import { nearestRank, summariseDurations } from './percentiles';
import { findSlaBreaches, slaPolicy2026v1 } from './sla';
import { workPerRole } from './work-per-role';

describe('percentiles (nearest rank)', () => {
  it('answers an observed value at rank ceil(p/100 n)', () => {
    const v = [15, 20, 35, 40, 50];
    expect(nearestRank(v, 50)).toBe(35);
    expect(nearestRank(v, 90)).toBe(50);
    expect(nearestRank(v, 30)).toBe(20);
    expect(nearestRank(v, 100)).toBe(50);
    expect(nearestRank([3, 1, 2, 4], 50)).toBe(2);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
  });

  it('summarises durations in hours', () => {
    const h = 3_600_000;
    const ten = Array.from({ length: 10 }, (_, i) => (i + 1) * h);
    expect(summariseDurations(ten)).toEqual({ count: 10, medianHours: 5, p90Hours: 9 });
    expect(summariseDurations([])).toEqual({ count: 0, medianHours: null, p90Hours: null });
    expect(summariseDurations([1.25 * h, -1])).toEqual({ count: 1, medianHours: 1.3, p90Hours: 1.3 });
  });
});

describe('funnel', () => {
  it('counts each stage reached and never widens', () => {
    const reached = reachedFromHistories([
      ['draft', 'submitted', 'screening', 'under_review', 'identity_verified'],
      ['draft', 'submitted', 'screening', 'rejected'],
      [
        'draft',
        'submitted',
        'screening',
        'under_review',
        'identity_verified',
        'interview_scheduled',
        'identity_verified',
      ],
      // seeded straight to risk_control: passed every earlier stage
      ['draft', 'risk_control', 'approved'],
    ]);
    expect(reached).toMatchObject({ submitted: 3, under_review: 2, identity_verified: 2, risk_control: 1 });
    const f = buildFunnel(reached);
    expect(f.map((r) => r.reached)).toEqual([3, 2, 2, 1, 1, 1, 1, 0, 0]);
    expect(f[0]).toEqual({ stage: 'submitted', reached: 3, ofSubmitted: 1, ofPrevious: null });
    expect(f[1]).toMatchObject({ stage: 'under_review', ofSubmitted: 0.667, ofPrevious: 0.667 });
    expect(f[8]).toMatchObject({ stage: 'disbursed', ofPrevious: null });
    expect(buildFunnel({})[0]!.ofSubmitted).toBeNull();
  });

  it('lists every state currently', () => {
    const c = currentByState({ under_review: 4 });
    expect(c).toHaveLength(14);
    expect(c.find((r) => r.state === 'under_review')!.count).toBe(4);
    expect(c.find((r) => r.state === 'draft')!.count).toBe(0);
  });
});

describe('SLA', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  it('finds the applications over their state limit, longest over first', () => {
    const breaches = findSlaBreaches({
      policy: slaPolicy2026v1,
      now,
      applications: [
        { applicationId: 'a', reference: 'R-A', state: 'under_review', since: hoursAgo(47.9) },
        { applicationId: 'b', reference: 'R-B', state: 'under_review', since: hoursAgo(50.25) },
        { applicationId: 'c', reference: 'R-C', state: 'contract_signed', since: hoursAgo(30) },
        { applicationId: 'd', reference: 'R-D', state: 'identity_verified', since: hoursAgo(1000) },
        { applicationId: 'e', reference: 'R-E', state: 'approved', since: hoursAgo(7 * 24 + 1) },
      ],
    });
    expect(breaches.map((b) => [b.reference, b.hoursOver, b.maxHours])).toEqual([
      ['R-C', 6, 24],
      ['R-B', 2.2, 48],
      ['R-E', 1, 168],
    ]);
    expect(slaPolicy2026v1.version).toBe('sla-2026.1');
  });
});

describe('work per role', () => {
  it('puts open approval cases at their current step', () => {
    const risk = { kind: 'risk_review' as const, roles: ['risk_officer' as const], seats: 1 };
    const approve = { kind: 'approval' as const, roles: ['approver' as const], seats: 1 };
    const rows = workPerRole({
      statusCounts: { under_review: 2, interview_scheduled: 1, contract_signed: 3 },
      approvedWithoutContract: 1,
      riskControlNotSubmitted: 4,
      openCases: [
        { steps: [risk, approve], decisions: [], termsVersion: 0 },
        {
          steps: [risk, approve],
          decisions: [{ stepIndex: 0, deciderId: 'r', outcome: 'approve', termsVersion: 0 }],
          termsVersion: 0,
        },
        {
          steps: [approve],
          decisions: [{ stepIndex: 0, deciderId: 'a', outcome: 'approve', termsVersion: 0 }],
          termsVersion: 0,
        },
      ],
    });
    expect(rows.map((r) => [r.role, r.total])).toEqual([
      ['loan_officer', 8],
      ['risk_officer', 1],
      ['approver', 4],
    ]);
    expect(rows[2]!.queues).toEqual([
      { queue: 'approval_decision', count: 1 },
      { queue: 'awaiting_disbursement', count: 3 },
    ]);
  });
});
