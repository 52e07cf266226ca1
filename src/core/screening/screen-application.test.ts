import { describe, expect, it } from 'vitest';
import type { ApplicationDetails } from '../application/application';
import { findMissingFields } from '../application/application';
import { idNumberCheckCharacter } from '../identity/id-number';
import { creditCodeCheckCharacter } from '../identity/credit-code';
import { currentScreeningPolicy as policy } from './policy';
import { estimateMonthlyPayment, screenApplication } from './screen-application';

const today = '2026-11-28';
const idFor = (birth: string) => {
  const first17 = `110105${birth.replaceAll('-', '')}123`;
  return first17 + idNumberCheckCharacter(first17);
};
const creditCode = (() => {
  const first17 = '91310000MA1K00001';
  return first17 + creditCodeCheckCharacter(first17);
})();

const individual = (
  over: Partial<ApplicationDetails['applicant']> = {},
  loan: Partial<ApplicationDetails['loan']> = {},
): ApplicationDetails => ({
  loan: {
    productCode: 'personal-consumer',
    amount: '50000.00',
    termMonths: 24,
    repaymentMethod: 'equal_installment',
    purpose: 'consumption',
    ...loan,
  },
  applicant: {
    fullName: '张三',
    idNumber: idFor('1990-03-07'),
    mobile: '13800138000',
    employmentStatus: 'employed',
    monthlyIncome: '20000.00',
    existingMonthlyRepayment: '1000.00',
    existingDebtTotal: '20000.00',
    ...over,
  },
});

const enterprise = (over: Partial<ApplicationDetails> = {}): ApplicationDetails => ({
  loan: {
    productCode: 'project-finance',
    amount: '30000000.00',
    termMonths: 120,
    repaymentMethod: 'equal_principal',
    purpose: 'project_construction',
  },
  company: {
    name: '星河新能源有限公司',
    creditCode,
    industry: 'manufacturing',
    yearsInOperation: 8,
    actingAs: 'legal_representative',
  },
  project: { name: '光伏电站', totalInvestment: '80000000.00', ownFunds: '24000000.00' },
  financials: {
    revenue: '120000000.00',
    netProfit: '9000000.00',
    totalAssets: '200000000.00',
    totalLiabilities: '110000000.00',
    operatingCashFlow: '15000000.00',
  },
  stakeholders: [{ role: 'legal_representative', name: '李四' }],
  ...over,
});

const screen = (
  kind: 'individual' | 'enterprise',
  details: ApplicationDetails,
  documentKinds?: string[],
  blocklisted = false,
) =>
  screenApplication({
    kind,
    details,
    documentKinds:
      documentKinds ??
      (kind === 'individual'
        ? ['id_card_copy', 'income_proof']
        : [
            'business_licence',
            'financial_statements',
            'id_card_copy',
            'project_feasibility_study',
            'board_resolution',
          ]),
    blocklistMatches: blocklisted ? [{ subject: kind === 'individual' ? 'applicant' : 'company' }] : [],
    today,
    policy,
  });

const outcome = (d: ReturnType<typeof screen>, ruleId: string) =>
  d.results.find((r) => r.ruleId === ruleId)?.outcome;

describe('first screening', () => {
  it('passes a sound individual application and records the policy version', () => {
    const d = screen('individual', individual());
    expect(d.decision).toBe('pass');
    expect(d.policyVersion).toBe('2026.1');
    expect(d.results.every((r) => r.outcome === 'pass')).toBe(true);
    for (const r of d.results) expect(r.reason['zh-CN'].length && r.reason.en.length).toBeGreaterThan(0);
  });

  it('rejects out-of-range amounts and terms with the range in the reason', () => {
    const d = screen('individual', individual({}, { amount: '300000.01', termMonths: 61 }));
    expect(d.decision).toBe('reject');
    expect(outcome(d, 'amount_range')).toBe('fail');
    expect(outcome(d, 'term_range')).toBe('fail');
    expect(d.results.find((r) => r.ruleId === 'amount_range')!.reason.en).toContain('1000.00–300000.00');
  });

  it('applies the age limits at application and at maturity', () => {
    expect(
      outcome(screen('individual', individual({ idNumber: idFor('2009-01-01') })), 'applicant_age'),
    ).toBe('fail'); // 17
    expect(
      outcome(screen('individual', individual({ idNumber: idFor('2008-11-28') })), 'applicant_age'),
    ).toBe('pass'); // 18 today
    // 63 today, 65 at maturity after 24 months: allowed; 36 months makes 66: refused.
    expect(
      outcome(screen('individual', individual({ idNumber: idFor('1963-06-01') })), 'applicant_age'),
    ).toBe('pass');
    const old = screen('individual', individual({ idNumber: idFor('1963-06-01') }, { termMonths: 36 }));
    expect(outcome(old, 'applicant_age')).toBe('fail');
    expect(old.results.find((r) => r.ruleId === 'applicant_age')!.reason['zh-CN']).toContain(
      '超过 65 岁上限',
    );
  });

  it('rejects invalid ID numbers, excluded employment and excessive debt-to-income', () => {
    expect(
      outcome(screen('individual', individual({ idNumber: '110105199003071230' })), 'id_number_valid'),
    ).toBe('fail');
    expect(
      outcome(screen('individual', individual({ employmentStatus: 'unemployed' })), 'employment_status'),
    ).toBe('fail');
    const heavy = screen(
      'individual',
      individual({ monthlyIncome: '5000.00', existingMonthlyRepayment: '1000.00' }),
    );
    expect(outcome(heavy, 'debt_to_income')).toBe('fail'); // ~2,242 + 1,000 = 65% of 5,000
    expect(outcome(screen('individual', individual({ monthlyIncome: '0' })), 'debt_to_income')).toBe('fail');
  });

  it('estimates an equal-instalment payment like the standard formula', () => {
    // 50,000 over 24 months at 7.2%: 2,243.17 (annuity formula, checked with Python's decimal module).
    expect(estimateMonthlyPayment({ amount: '50000', annualRate: '0.072', months: 24 }).toFixed(2)).toBe(
      '2243.17',
    );
    expect(estimateMonthlyPayment({ amount: '1200', annualRate: '0', months: 12 }).toFixed(2)).toBe('100.00');
  });

  it('passes a sound project financing and rejects on each enterprise rule', () => {
    expect(screen('enterprise', enterprise()).decision).toBe('pass');
    const base = enterprise();
    expect(
      outcome(
        screen('enterprise', { ...base, company: { ...base.company, industry: 'gambling' } }),
        'excluded_industry',
      ),
    ).toBe('fail');
    expect(
      outcome(
        screen('enterprise', { ...base, company: { ...base.company, yearsInOperation: 2 } }),
        'years_in_operation',
      ),
    ).toBe('fail');
    expect(
      outcome(
        screen('enterprise', { ...base, company: { ...base.company, creditCode: '91310000MA1K000010' } }),
        'credit_code_valid',
      ),
    ).toBe('fail');
    expect(
      outcome(
        screen('enterprise', {
          ...base,
          financials: { ...base.financials, totalLiabilities: '150000000.00' },
        }),
        'debt_to_asset',
      ),
    ).toBe('fail');
    expect(
      outcome(
        screen('enterprise', { ...base, project: { ...base.project, ownFunds: '10000000.00' } }),
        'own_funds_ratio',
      ),
    ).toBe('fail');
    expect(
      outcome(
        screen('enterprise', { ...base, loan: { ...base.loan, amount: '60000000.00' } }),
        'financing_gap',
      ),
    ).toBe('fail');
  });

  it('rejects blocklisted subjects and missing documents, naming them', () => {
    const blocked = screen('individual', individual(), undefined, true);
    expect(blocked.decision).toBe('reject');
    expect(blocked.results.find((r) => r.ruleId === 'blocklist')!.reason.en).toBe(
      'The applicant matched the blocklist',
    );
    const noDocs = screen('individual', individual(), ['id_card_copy']);
    expect(noDocs.results.find((r) => r.ruleId === 'required_documents')!.reason['zh-CN']).toBe(
      '缺少必备材料：收入证明',
    );
  });

  it('rejects a product that does not fit the applicant kind', () => {
    const d = screen('enterprise', {
      ...enterprise(),
      loan: { ...enterprise().loan, productCode: 'personal-consumer' },
    });
    expect(d).toMatchObject({ decision: 'reject', results: [{ ruleId: 'product', outcome: 'fail' }] });
  });
});

describe('completeness of drafts', () => {
  it('lists what an individual draft still lacks', () => {
    expect(findMissingFields({ kind: 'individual', details: individual(), isProjectFinance: false })).toEqual(
      [],
    );
    expect(
      findMissingFields({
        kind: 'individual',
        details: { loan: { productCode: 'personal-consumer', amount: '1000' } },
        isProjectFinance: false,
      }),
    ).toEqual(expect.arrayContaining(['loan.termMonths', 'applicant.idNumber', 'applicant.monthlyIncome']));
  });

  it('asks project financing for the project and a legal representative', () => {
    const { project: _p, stakeholders: _s, ...rest } = enterprise();
    expect(findMissingFields({ kind: 'enterprise', details: rest, isProjectFinance: true })).toEqual([
      'project.name',
      'project.totalInvestment',
      'project.ownFunds',
      'stakeholders.legal_representative',
    ]);
    expect(findMissingFields({ kind: 'enterprise', details: enterprise(), isProjectFinance: true })).toEqual(
      [],
    );
  });
});
