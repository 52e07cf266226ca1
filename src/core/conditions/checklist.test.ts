import { describe, expect, it } from 'vitest';
import { policy2026v1 } from '../screening/policy';
import {
  checklistFor,
  conditionStatuses,
  conditions2026v1,
  currentConditionsChecklist,
  isConditionCode,
  mayTick,
  outstandingConditions,
} from './checklist';

const codes = (rules: { code: string }[]) => rules.map((r) => r.code);

describe('conditions precedent checklist', () => {
  it('is versioned and has a checklist for every product of the screening policy', () => {
    expect(currentConditionsChecklist.version).toBe('conditions-2026.1');
    for (const p of policy2026v1.products) {
      const list = checklistFor({ productCode: p.code, kind: p.kind });
      expect(list.length).toBeGreaterThan(0);
      expect(conditions2026v1.byProduct[p.code]).toBeDefined();
    }
  });

  it('asks individuals for a debit authorisation and a purpose undertaking', () => {
    expect(codes(checklistFor({ productCode: 'personal-consumer', kind: 'individual' }))).toEqual([
      'repayment_debit_authorisation',
      'loan_purpose_undertaking',
    ]);
  });

  it('asks enterprises for a board resolution and a verified licence, project finance for more', () => {
    const wc = codes(checklistFor({ productCode: 'enterprise-working-capital', kind: 'enterprise' }));
    expect(wc).toContain('board_resolution');
    expect(wc).toContain('business_licence_verified');
    expect(wc).not.toContain('mortgage_registration');
    const pf = codes(checklistFor({ productCode: 'project-finance', kind: 'enterprise' }));
    expect(pf).toEqual(
      expect.arrayContaining([...wc, 'mortgage_registration', 'property_insurance', 'own_funds_in_place']),
    );
  });

  it('falls back to the applicant kind for a product it does not list', () => {
    expect(codes(checklistFor({ productCode: 'unknown', kind: 'enterprise' }))).toContain('board_resolution');
  });

  it('gives every condition titles in both languages, its evidence, who may tick it', () => {
    for (const rule of Object.values(conditions2026v1.rules)) {
      expect(rule.title['zh-CN']).not.toBe('');
      expect(rule.title.en).not.toBe('');
      expect(rule.evidence.en).not.toBe('');
      expect(mayTick(rule, 'loan_officer')).toBe(true);
      expect(mayTick(rule, 'approver')).toBe(false);
      expect(mayTick(rule, 'borrower_individual')).toBe(false);
    }
    expect(mayTick(conditions2026v1.rules.mortgage_registration, 'risk_officer')).toBe(true);
    expect(mayTick(conditions2026v1.rules.board_resolution, 'risk_officer')).toBe(false);
    expect(isConditionCode('board_resolution')).toBe(true);
    expect(isConditionCode('constructor')).toBe(false);
  });

  it('lists what is outstanding given the ticks and waivers in force', () => {
    const list = checklistFor({ productCode: 'project-finance', kind: 'enterprise' });
    expect(outstandingConditions(list, [])).toHaveLength(list.length);
    const resolutions = [
      { code: 'board_resolution', kind: 'met' as const },
      { code: 'property_insurance', kind: 'waived' as const },
      { code: 'not_on_the_list', kind: 'met' as const },
    ];
    const left = codes(outstandingConditions(list, resolutions));
    expect(left).not.toContain('board_resolution');
    expect(left).not.toContain('property_insurance');
    expect(left).toHaveLength(list.length - 2);
    const statuses = conditionStatuses(list, resolutions);
    expect(statuses.find((s) => s.rule.code === 'property_insurance')?.status).toBe('waived');
    expect(statuses.find((s) => s.rule.code === 'board_resolution')?.status).toBe('met');
    expect(statuses.find((s) => s.rule.code === 'own_funds_in_place')?.status).toBe('outstanding');
    // A tick wins over a waiver of the same condition.
    expect(
      conditionStatuses(list, [
        { code: 'board_resolution', kind: 'waived' },
        { code: 'board_resolution', kind: 'met' },
      ]).find((s) => s.rule.code === 'board_resolution')?.status,
    ).toBe('met');
    expect(
      outstandingConditions(
        list,
        list.map((r) => ({ code: r.code, kind: 'met' as const })),
      ),
    ).toEqual([]);
  });
});
