import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../accounts/roles';
import { isAppError } from '../errors';
import type { RiskGrade } from '../risk/decision-policy';
import { riskPolicy2026v1 } from '../risk/decision-policy';
import { policy2026v1 } from '../screening/policy';
import {
  approvalProgress,
  checkDecider,
  type ApprovalDecisionFact,
  type DeciderRefusal,
} from './approval-progress';
import {
  approvalKindOf,
  approvalKinds,
  approvalMatrix2026v1,
  bandFor,
  currentApprovalMatrix,
  type ApprovalKind,
  type ApprovalStep,
} from './authority-matrix';
import { discloseOffer, reviseTerms, type LoanOffer } from './loan-offer';

const matrix = approvalMatrix2026v1;
const grades: RiskGrade[] = ['A', 'B', 'C', 'D', 'E'];
const roles: Role[] = [
  'borrower_individual',
  'borrower_enterprise',
  'loan_officer',
  'risk_officer',
  'approver',
  'admin',
];
const shape = (steps: readonly ApprovalStep[]) => steps.map((s) => `${s.kind}×${s.seats}`).join(' → ');

/** Every amount band edge of each kind, the band expected for each grade. */
const expectedBands: { kind: ApprovalKind; amount: string; byGrade: Record<RiskGrade, string> }[] = [
  ...['1000.00', '200000.00'].map((amount) => ({
    kind: 'individual' as const,
    amount,
    byGrade: {
      A: 'individual-small',
      B: 'individual-small',
      C: 'individual-middle',
      D: 'individual-large',
      E: 'individual-large',
    },
  })),
  ...['200000.01', '1000000.00'].map((amount) => ({
    kind: 'individual' as const,
    amount,
    byGrade: {
      A: 'individual-middle',
      B: 'individual-middle',
      C: 'individual-middle',
      D: 'individual-large',
      E: 'individual-large',
    },
  })),
  ...['1000000.01', '3000000.00'].map((amount) => ({
    kind: 'individual' as const,
    amount,
    byGrade: {
      A: 'individual-large',
      B: 'individual-large',
      C: 'individual-large',
      D: 'individual-large',
      E: 'individual-large',
    },
  })),
  ...['100000.00', '1000000.00'].map((amount) => ({
    kind: 'enterprise' as const,
    amount,
    byGrade: {
      A: 'enterprise-small',
      B: 'enterprise-small',
      C: 'enterprise-middle',
      D: 'enterprise-large',
      E: 'enterprise-large',
    },
  })),
  ...['1000000.01', '10000000.00'].map((amount) => ({
    kind: 'enterprise' as const,
    amount,
    byGrade: {
      A: 'enterprise-middle',
      B: 'enterprise-middle',
      C: 'enterprise-middle',
      D: 'enterprise-large',
      E: 'enterprise-large',
    },
  })),
  ...['10000000.01', '2000000000.00'].map((amount) => ({
    kind: 'enterprise' as const,
    amount,
    byGrade: {
      A: 'enterprise-large',
      B: 'enterprise-large',
      C: 'enterprise-large',
      D: 'enterprise-large',
      E: 'enterprise-large',
    },
  })),
  ...['5000000.00', '500000000.00'].map((amount) => ({
    kind: 'project_finance' as const,
    amount,
    byGrade: {
      A: 'project-finance',
      B: 'project-finance',
      C: 'project-finance',
      D: 'project-finance',
      E: 'project-finance',
    },
  })),
  ...['500000000.01', '2000000000.00'].map((amount) => ({
    kind: 'project_finance' as const,
    amount,
    byGrade: {
      A: 'project-finance-major',
      B: 'project-finance-major',
      C: 'project-finance-major',
      D: 'project-finance-major',
      E: 'project-finance-major',
    },
  })),
];

const stepsOfBand: Record<string, string> = {
  'individual-small': 'approval×1',
  'individual-middle': 'risk_review×1 → approval×1',
  'individual-large': 'risk_review×1 → committee×2',
  'enterprise-small': 'approval×1',
  'enterprise-middle': 'risk_review×1 → approval×1',
  'enterprise-large': 'risk_review×1 → committee×2',
  'project-finance': 'risk_review×1 → committee×2',
  'project-finance-major': 'risk_review×1 → committee×3',
};

/** How much authority a band's steps represent (for monotonicity): seats of approvers, then a review. */
const authority = (steps: readonly ApprovalStep[]) =>
  steps.reduce((n, s) => n + (s.kind === 'risk_review' ? 1 : 10 * s.seats), 0);

const officer = 'officer-1';
const interviewer = 'interviewer-1';
const id = (role: Role, n = 1) => `${role}-${n}`;
const actor = (role: Role, n = 1): Actor => ({ accountId: id(role, n), role });

/** Approves every step of `steps` with distinct deciders of the first allowed role; the decisions made. */
function approveAll(steps: readonly ApprovalStep[]): ApprovalDecisionFact[] {
  const decisions: ApprovalDecisionFact[] = [];
  let n = 10;
  steps.forEach((s, stepIndex) => {
    for (let seat = 0; seat < s.seats; seat++)
      decisions.push({ stepIndex, deciderId: id(s.roles[0]!, n++), outcome: 'approve', termsVersion: 0 });
  });
  return decisions;
}

describe('authority matrix approval-2026.1', () => {
  it('is current, and every band has sensible steps', () => {
    expect(currentApprovalMatrix.version).toBe('approval-2026.1');
    expect(matrix.preparerRoles).toEqual(['loan_officer']);
    for (const band of matrix.bands) {
      expect(shape(band.steps)).toBe(stepsOfBand[band.id]);
      for (const s of band.steps) {
        expect(s.roles).toEqual(s.kind === 'risk_review' ? ['risk_officer'] : ['approver']);
        expect(s.seats).toBeGreaterThanOrEqual(1);
      }
      // The last step always belongs to approvers: a risk review alone never approves.
      expect(band.steps.at(-1)!.kind).not.toBe('risk_review');
    }
  });

  it.each(expectedBands)('$kind $amount: the band for every grade', ({ kind, amount, byGrade }) => {
    for (const grade of grades) expect(bandFor({ matrix, kind, amount, grade }).id).toBe(byGrade[grade]);
  });

  it('classifies project finance as its own kind, whoever applies', () => {
    expect(approvalKindOf({ applicationKind: 'enterprise', isProjectFinance: true })).toBe('project_finance');
    expect(approvalKindOf({ applicationKind: 'enterprise', isProjectFinance: false })).toBe('enterprise');
    expect(approvalKindOf({ applicationKind: 'individual', isProjectFinance: false })).toBe('individual');
  });

  it('covers every product amount and grade, and never asks less authority for more money or a worse grade', () => {
    const gradeIndex = fc.integer({ min: 0, max: 4 });
    const fen = fc.bigInt({ min: 100n, max: 200_000_000_000n });
    fc.assert(
      fc.property(fc.constantFrom(...approvalKinds), fen, fen, gradeIndex, gradeIndex, (kind, a, b, g, h) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [better, worse] = g <= h ? [grades[g]!, grades[h]!] : [grades[h]!, grades[g]!];
        const yuan = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
        const small = bandFor({ matrix, kind, amount: yuan(lo), grade: better });
        const large = bandFor({ matrix, kind, amount: yuan(hi), grade: worse });
        expect(small.kind).toBe(kind);
        expect(authority(large.steps)).toBeGreaterThanOrEqual(authority(small.steps));
      }),
      { numRuns: 500 },
    );
  });

  it('gives every product of the screening policy a band at its limits', () => {
    for (const p of policy2026v1.products) {
      const kind = approvalKindOf({ applicationKind: p.kind, isProjectFinance: p.isProjectFinance === true });
      for (const amount of [p.minAmount, p.maxAmount])
        for (const grade of grades) expect(bandFor({ matrix, kind, amount, grade }).kind).toBe(kind);
    }
  });
});

describe('approval progress and four-eyes, for every band, step and role', () => {
  const bands = matrix.bands;

  it.each(bands.map((b) => [b.id, b] as const))(
    '%s: distinct deciders complete it, step by step',
    (_, band) => {
      const all = approveAll(band.steps);
      for (let k = 0; k < all.length; k++) {
        const p = approvalProgress({ steps: band.steps, decisions: all.slice(0, k), termsVersion: 0 });
        expect(p.state).toBe('in_progress');
      }
      expect(approvalProgress({ steps: band.steps, decisions: all, termsVersion: 0 })).toEqual({
        state: 'complete',
      });
    },
  );

  it.each(bands.map((b) => [b.id, b] as const))(
    '%s: at every step only its roles may decide, and never the preparer, the interviewer or a past decider',
    (_, band) => {
      const all = approveAll(band.steps);
      let at = 0;
      band.steps.forEach((step, stepIndex) => {
        for (let seat = 0; seat < step.seats; seat++) {
          const decisions = all.slice(0, at);
          const check = (decider: Actor) =>
            checkDecider({
              steps: band.steps,
              decisions,
              termsVersion: 0,
              decider,
              preparerId: officer,
              interviewerId: interviewer,
            });
          for (const role of roles) {
            const expected = step.roles.includes(role)
              ? { canDecide: true }
              : { canDecide: false, reason: 'ROLE_NOT_ALLOWED' };
            expect(check(actor(role, 99)), `${band.id} step ${stepIndex} seat ${seat} ${role}`).toEqual(
              expected,
            );
            if (!step.roles.includes(role)) continue;
            // The same role, but the person who prepared the case or interviewed.
            expect(check({ accountId: officer, role })).toEqual({
              canDecide: false,
              reason: 'FOUR_EYES_PREPARER',
            });
            expect(check({ accountId: interviewer, role })).toEqual({
              canDecide: false,
              reason: 'FOUR_EYES_INTERVIEWER',
            });
          }
          // Everyone who decided before (this step's earlier seats or an earlier step) is barred.
          for (const d of decisions) {
            const role = band.steps[d.stepIndex]!.roles[0]!;
            if (!step.roles.includes(role)) continue;
            expect(check({ accountId: d.deciderId, role })).toEqual({
              canDecide: false,
              reason: 'FOUR_EYES_ALREADY_DECIDED',
            });
          }
          at++;
        }
      });
      // Complete: nobody decides any more.
      for (const role of roles)
        expect(
          checkDecider({
            steps: band.steps,
            decisions: all,
            termsVersion: 0,
            decider: actor(role, 99),
            preparerId: officer,
            interviewerId: interviewer,
          }),
        ).toEqual({ canDecide: false, reason: 'CASE_CLOSED' });
    },
  );

  it.each(bands.map((b) => [b.id, b] as const))(
    '%s: a reject or a return at any step ends the case',
    (_, band) => {
      const all = approveAll(band.steps);
      for (let k = 0; k < all.length; k++)
        for (const outcome of ['reject', 'return'] as const) {
          const decisions = [...all.slice(0, k), { ...all[k]!, outcome }];
          const p = approvalProgress({ steps: band.steps, decisions, termsVersion: 0 });
          expect(p).toEqual({
            state: outcome === 'reject' ? 'rejected' : 'returned',
            stepIndex: all[k]!.stepIndex,
          });
          expect(
            checkDecider({
              steps: band.steps,
              decisions,
              termsVersion: 0,
              decider: actor('approver', 99),
              preparerId: officer,
              interviewerId: interviewer,
            }),
          ).toEqual({ canDecide: false, reason: 'CASE_CLOSED' });
        }
    },
  );

  it('one person never fills two committee seats, and approving twice counts once', () => {
    const band = bandFor({ matrix, kind: 'project_finance', amount: '30000000.00', grade: 'B' });
    const decisions: ApprovalDecisionFact[] = [
      { stepIndex: 0, deciderId: 'risk', outcome: 'approve', termsVersion: 0 },
      { stepIndex: 1, deciderId: 'a1', outcome: 'approve', termsVersion: 0 },
      { stepIndex: 1, deciderId: 'a1', outcome: 'approve', termsVersion: 0 },
    ];
    const p = approvalProgress({ steps: band.steps, decisions, termsVersion: 0 });
    expect(p).toMatchObject({ state: 'in_progress', stepIndex: 1, approvedBy: ['a1'], seatsLeft: 1 });
    const check = (accountId: string) =>
      checkDecider({
        steps: band.steps,
        decisions,
        termsVersion: 0,
        decider: { accountId, role: 'approver' },
        preparerId: officer,
        interviewerId: null,
      });
    expect(check('a1')).toEqual({ canDecide: false, reason: 'FOUR_EYES_ALREADY_DECIDED' });
    // The risk officer who reviewed may not sit on the committee even with an approver's role.
    expect(check('risk')).toEqual({ canDecide: false, reason: 'FOUR_EYES_ALREADY_DECIDED' });
    expect(check('a2')).toEqual({ canDecide: true });
  });

  it('a revision supersedes committee approvals of earlier terms; their givers may approve the new ones', () => {
    const band = bandFor({ matrix, kind: 'individual', amount: '2000000.00', grade: 'A' });
    const decisions: ApprovalDecisionFact[] = [
      { stepIndex: 0, deciderId: 'risk', outcome: 'approve', termsVersion: 0 },
      { stepIndex: 1, deciderId: 'a1', outcome: 'approve', termsVersion: 0 },
      // a2 approves with revised terms: version 1.
      { stepIndex: 1, deciderId: 'a2', outcome: 'approve', termsVersion: 1 },
    ];
    const p = approvalProgress({ steps: band.steps, decisions, termsVersion: 1 });
    expect(p).toMatchObject({ state: 'in_progress', stepIndex: 1, approvedBy: ['a2'], seatsLeft: 1 });
    const check = (accountId: string) =>
      checkDecider({
        steps: band.steps,
        decisions,
        termsVersion: 1,
        decider: { accountId, role: 'approver' },
        preparerId: officer,
        interviewerId: interviewer,
      });
    expect(check('a1')).toEqual({ canDecide: true });
    expect(check('a2')).toEqual({ canDecide: false, reason: 'FOUR_EYES_ALREADY_DECIDED' });
    expect(check('risk')).toEqual({ canDecide: false, reason: 'FOUR_EYES_ALREADY_DECIDED' });
    const done = [
      ...decisions,
      { stepIndex: 1, deciderId: 'a1', outcome: 'approve' as const, termsVersion: 1 },
    ];
    expect(approvalProgress({ steps: band.steps, decisions: done, termsVersion: 1 })).toEqual({
      state: 'complete',
    });
  });

  it('without a recorded interviewer only the preparer and past deciders are barred', () => {
    const band = bandFor({ matrix, kind: 'individual', amount: '5000.00', grade: 'A' });
    const refusal = (accountId: string): DeciderRefusal | null => {
      const c = checkDecider({
        steps: band.steps,
        decisions: [],
        termsVersion: 0,
        decider: { accountId, role: 'approver' },
        preparerId: officer,
        interviewerId: null,
      });
      return c.canDecide ? null : c.reason;
    };
    expect(refusal(interviewer)).toBeNull();
    expect(refusal(officer)).toBe('FOUR_EYES_PREPARER');
  });

  it('property: whatever the history, nobody counts twice and the preparer and interviewer never may decide', () => {
    const people = ['p1', 'p2', 'p3', officer, interviewer];
    fc.assert(
      fc.property(
        fc.constantFrom(...matrix.bands),
        fc.array(
          fc.record({
            stepIndex: fc.integer({ min: 0, max: 1 }),
            deciderId: fc.constantFrom(...people),
            termsVersion: fc.integer({ min: 0, max: 2 }),
          }),
          { maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom(...people),
        fc.constantFrom(...roles),
        (band, raw, termsVersion, who, role) => {
          const decisions = raw
            .filter((d) => d.stepIndex < band.steps.length)
            .map((d) => ({ ...d, outcome: 'approve' as const }));
          const p = approvalProgress({ steps: band.steps, decisions, termsVersion });
          if (p.state === 'in_progress') expect(new Set(p.approvedBy).size).toBe(p.approvedBy.length);
          const c = checkDecider({
            steps: band.steps,
            decisions,
            termsVersion,
            decider: { accountId: who, role },
            preparerId: officer,
            interviewerId: interviewer,
          });
          if (who === officer || who === interviewer) expect(c.canDecide).toBe(false);
          if (role === 'loan_officer' || role === 'admin' || role.startsWith('borrower'))
            expect(c.canDecide).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('revised terms and their disclosure', () => {
  const consumer = policy2026v1.products.find((p) => p.code === 'personal-consumer')!;
  const current: LoanOffer = {
    amount: '50000.00',
    nominalAnnualRate: '0.0720',
    termMonths: 12,
    repaymentMethod: 'equal_installment',
  };
  const revise = (change: Parameters<typeof reviseTerms>[0]['change']) =>
    reviseTerms({
      current,
      requestedAmount: '50000.00',
      change,
      product: consumer,
      rateLimits: riskPolicy2026v1,
    });
  const refusedField = (change: Parameters<typeof reviseTerms>[0]['change']) => {
    try {
      revise(change);
      return null;
    } catch (e) {
      if (!isAppError(e, 'APPROVAL_TERMS_INVALID')) throw e;
      return e.details?.field;
    }
  };

  it('changes amount, rate and term within the limits', () => {
    expect(revise({ amount: '40000', nominalAnnualRate: '0.085', termMonths: 24 })).toEqual({
      amount: '40000.00',
      nominalAnnualRate: '0.0850',
      termMonths: 24,
      repaymentMethod: 'equal_installment',
    });
    expect(revise({ nominalAnnualRate: '0.03' }).nominalAnnualRate).toBe('0.0300');
    expect(revise({ nominalAnnualRate: '0.12' }).nominalAnnualRate).toBe('0.1200');
  });

  it('refuses more than requested, outside the product, the floor or the cap, and no change at all', () => {
    expect(refusedField({ amount: '50000.01' })).toBe('amount');
    expect(refusedField({ amount: '999.99' })).toBe('amount');
    expect(refusedField({ amount: '1.234' })).toBe('amount');
    expect(refusedField({ nominalAnnualRate: '0.0299' })).toBe('nominalAnnualRate');
    expect(refusedField({ nominalAnnualRate: '0.1201' })).toBe('nominalAnnualRate');
    expect(refusedField({ nominalAnnualRate: '0.08555' })).toBe('nominalAnnualRate');
    expect(refusedField({ termMonths: 2 })).toBe('termMonths');
    expect(refusedField({ termMonths: 61 })).toBe('termMonths');
    expect(refusedField({ amount: '50000', nominalAnnualRate: '0.072' })).toBe('terms');
  });

  it('discloses the payments and the 年化利率 of core/loan', () => {
    const d = discloseOffer({ ...current, amount: '40000.00' });
    expect(d).toMatchObject({ amount: '40000.00', termMonths: 12, repaymentMethod: 'equal_installment' });
    // 等额本息 40,000 at 7.2% over 12 months: 40,000 × 0.006 / (1 − 1.006^−12) = 3,464.76 a month.
    expect(d.firstPayment).toBe('3464.76');
    expect(Number(d.annualRate)).toBeCloseTo(0.072, 5);
    expect(Number(d.totalPayment)).toBeCloseTo(40000 + Number(d.totalInterest), 2);
  });
});
