import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import {
  applicationStatuses,
  assertTransition,
  canTransition,
  nextStatuses,
  terminalStatuses,
  transitionTable,
} from './lifecycle';

describe('application lifecycle', () => {
  it('walks the happy path from draft to disbursed', () => {
    const path = [
      ['draft', 'submitted', 'borrower'],
      ['submitted', 'screening', 'system'],
      ['screening', 'under_review', 'system'],
      ['under_review', 'identity_verified', 'system'],
      ['identity_verified', 'interview_scheduled', 'borrower'],
      ['interview_scheduled', 'interviewed', 'staff'],
      ['interviewed', 'risk_control', 'staff'],
      ['risk_control', 'approved', 'staff'],
      ['approved', 'contract_signed', 'system'],
      ['contract_signed', 'disbursed', 'system'],
    ] as const;
    for (const [from, to, actor] of path) expect(() => assertTransition({ from, to, actor })).not.toThrow();
  });

  it('refuses skipped stages and wrong actors with ILLEGAL_TRANSITION', () => {
    const refused = [
      ['draft', 'approved', 'staff'],
      ['draft', 'submitted', 'staff'],
      ['screening', 'under_review', 'borrower'],
      ['risk_control', 'approved', 'borrower'],
      ['contract_signed', 'disbursed', 'borrower'],
      ['disbursed', 'withdrawn', 'borrower'],
    ] as const;
    for (const [from, to, actor] of refused) {
      try {
        assertTransition({ from, to, actor });
        expect.unreachable(`${from} -> ${to} by ${actor} should be refused`);
      } catch (e) {
        expect(isAppError(e, 'ILLEGAL_TRANSITION')).toBe(true);
        expect((e as { details: unknown }).details).toEqual({ from, to, actor });
      }
    }
  });

  it('has terminal states with no way out, and every state reachable from draft', () => {
    expect([...terminalStatuses].sort()).toEqual(['disbursed', 'expired', 'rejected', 'withdrawn']);
    const seen = new Set<string>(['draft']);
    const queue = ['draft'] as (typeof applicationStatuses)[number][];
    while (queue.length) {
      const from = queue.shift()!;
      for (const to of Object.keys(transitionTable[from]) as (typeof applicationStatuses)[number][]) {
        if (seen.has(to)) continue;
        seen.add(to);
        queue.push(to);
      }
    }
    expect([...seen].sort()).toEqual([...applicationStatuses].sort());
  });

  it('lets the borrower withdraw before approval but not after signing', () => {
    expect(nextStatuses({ from: 'under_review', actor: 'borrower' })).toContain('withdrawn');
    expect(canTransition({ from: 'contract_signed', to: 'withdrawn', actor: 'borrower' })).toBe(false);
    expect(nextStatuses({ from: 'disbursed', actor: 'staff' })).toEqual([]);
  });
});
