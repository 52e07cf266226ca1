import { describe, expect, it } from 'vitest';
import { policy2026v1 } from '../screening/policy';
import {
  collateralPolicy2026v1 as policy,
  collateralTypes,
  productCollateralRule,
} from './collateral-policy';
import {
  annualDebtService,
  coverageRatio,
  currentValuation,
  debtServiceCoverage,
  formatRatio,
  isValuationStale,
  lendableValue,
  loanToValue,
  summarizeCollateral,
} from './collateral-summary';

const v = (appraisedValue: string, valuationDate: string, seq: number) => ({
  appraisedValue,
  valuationDate,
  seq,
});

describe('collateral policy collateral-2026.1', () => {
  it('has a haircut for every type and a rule for every product of the screening policy', () => {
    for (const t of collateralTypes) expect(policy.haircuts[t]).toMatch(/^0\.\d{2}$/);
    for (const p of policy2026v1.products) expect(policy.products[p.code]).toBeDefined();
    expect(productCollateralRule(policy, 'project-finance').requirement).toBe('required');
    expect(productCollateralRule(policy, 'personal-consumer').requirement).toBe('optional');
    expect(productCollateralRule(policy, 'no-such-product')).toEqual({
      requirement: 'optional',
      maxLtv: '0.70',
    });
  });
});

describe('collateral computations', () => {
  it('applies the haircut by type, rounded half up to fen', () => {
    expect(lendableValue({ appraised: '1000000.00', haircut: policy.haircuts.real_estate })).toBe(
      '700000.00',
    );
    expect(lendableValue({ appraised: '1000000.00', haircut: policy.haircuts.equipment })).toBe('500000.00');
    expect(lendableValue({ appraised: '1000000.00', haircut: policy.haircuts.receivables })).toBe(
      '600000.00',
    );
    expect(lendableValue({ appraised: '1000000.00', haircut: policy.haircuts.deposit })).toBe('950000.00');
    expect(lendableValue({ appraised: '1000000.00', haircut: policy.haircuts.equity })).toBe('500000.00');
    // 0.15 × 0.95 = 0.1425 → 0.14; 0.01 × 0.5 = 0.005 → 0.01 (half up)
    expect(lendableValue({ appraised: '0.15', haircut: '0.05' })).toBe('0.14');
    expect(lendableValue({ appraised: '0.01', haircut: '0.50' })).toBe('0.01');
  });

  it('computes LTV and coverage to four places, half up', () => {
    expect(loanToValue({ loan: '500000.00', totalAppraised: '700000.00' })).toBe('0.7143');
    expect(loanToValue({ loan: '1', totalAppraised: '0' })).toBeNull();
    expect(coverageRatio({ totalLendable: '490000.00', loan: '500000.00' })).toBe('0.9800');
    expect(coverageRatio({ totalLendable: '2', loan: '3' })).toBe('0.6667');
    expect(formatRatio('0.12345')).toBe('0.1235');
    expect(formatRatio('0.12344999')).toBe('0.1234');
  });

  it('takes the latest valuation as current, the last recorded of one day', () => {
    const history = [v('100.00', '2026-01-10', 1), v('120.00', '2026-06-01', 2), v('90.00', '2026-03-01', 3)];
    expect(currentValuation(history)?.appraisedValue).toBe('120.00');
    expect(currentValuation([...history, v('130.00', '2026-06-01', 4)])?.appraisedValue).toBe('130.00');
    expect(currentValuation([])).toBeUndefined();
  });

  it('finds valuations older than the maximum age', () => {
    expect(isValuationStale({ valuationDate: '2025-11-29', today: '2026-11-29', maxAgeMonths: 12 })).toBe(
      false,
    );
    expect(isValuationStale({ valuationDate: '2025-11-28', today: '2026-11-29', maxAgeMonths: 12 })).toBe(
      true,
    );
  });

  it('computes DSCR per year from a known schedule (interest only, 6%, 24 months)', () => {
    const terms = {
      amount: '1000000.00',
      annualRate: '0.06',
      termMonths: 24,
      method: 'interest_only' as const,
    };
    // 5,000.00 interest a month; the principal with the 24th instalment.
    expect(annualDebtService(terms)).toEqual(['60000.00', '1060000.00']);
    const dscr = debtServiceCoverage({ terms, cashFlows: ['90000.00', '1272000.00'] });
    expect(dscr).toEqual({
      years: [
        { year: 1, cashFlow: '90000.00', debtService: '60000.00', dscr: '1.5000' },
        { year: 2, cashFlow: '1272000.00', debtService: '1060000.00', dscr: '1.2000' },
      ],
      minimum: '1.2000',
    });
  });

  it('puts a bullet loan’s single payment in its last year; a partial last year counts', () => {
    expect(
      annualDebtService({ amount: '1200000.00', annualRate: '0', termMonths: 30, method: 'bullet' }),
    ).toEqual(['0.00', '0.00', '1200000.00']);
    expect(
      annualDebtService({ amount: '1200000.00', annualRate: '0', termMonths: 18, method: 'equal_principal' }),
    ).toEqual(['800000.04', '399999.96']); // 66,666.67 a month, the last takes the residue
    const bullet = debtServiceCoverage({
      terms: { amount: '1200000.00', annualRate: '0', termMonths: 30, method: 'bullet' },
      cashFlows: ['1', '2', '1800000.00'],
    });
    expect(bullet.years.map((y) => y.dscr)).toEqual([null, null, '1.5000']);
    expect(bullet.minimum).toBe('1.5000');
  });
});

describe('summarizeCollateral', () => {
  const base = {
    policy,
    productCode: 'personal-consumer',
    isProjectFinance: false,
    terms: { amount: '500000.00', annualRate: '0.072', termMonths: 24, method: 'equal_installment' as const },
    cashFlows: undefined,
    today: '2026-11-29',
  };

  it('gives no blockers for an optional product without collateral', () => {
    const s = summarizeCollateral({ ...base, items: [] });
    expect(s).toMatchObject({
      blockers: [],
      ltv: null,
      coverage: '0.0000',
      totalAppraised: '0.00',
      dscr: null,
    });
  });

  it('totals the current valuations, computes LTV and coverage and blocks over the limit', () => {
    const items = [
      {
        id: 'a',
        type: 'real_estate' as const,
        valuations: [v('600000.00', '2026-01-01', 1), v('700000.00', '2026-10-01', 2)],
      },
      { id: 'b', type: 'deposit' as const, valuations: [v('100000.00', '2026-10-01', 1)] },
    ];
    const s = summarizeCollateral({ ...base, items });
    expect(s).toMatchObject({
      policyVersion: 'collateral-2026.1',
      totalAppraised: '800000.00',
      totalLendable: '585000.00',
      ltv: '0.6250',
      coverage: '1.1700',
      blockers: [],
    });
    expect(s.items[0]).toMatchObject({ haircut: '0.30', lendableValue: '490000.00', isStale: false });
    const over = summarizeCollateral({ ...base, terms: { ...base.terms, amount: '600000.00' }, items });
    expect(over.ltv).toBe('0.7500');
    expect(over.blockers).toEqual([
      expect.objectContaining({ code: 'COLLATERAL_LTV_EXCEEDED', message: expect.stringContaining('0.70') }),
    ]);
  });

  it('blocks items without valuation and stale valuations', () => {
    const s = summarizeCollateral({
      ...base,
      items: [
        { id: 'a', type: 'equipment', valuations: [] },
        { id: 'b', type: 'real_estate', valuations: [v('9000000.00', '2025-01-01', 1)] },
      ],
    });
    expect(s.blockers.map((b) => b.code)).toEqual(['COLLATERAL_NOT_VALUED', 'COLLATERAL_VALUATION_STALE']);
  });

  it('project financing: requires collateral and a projection, and a DSCR at the minimum', () => {
    const pf = {
      ...base,
      productCode: 'project-finance',
      isProjectFinance: true,
      terms: { amount: '1000000.00', annualRate: '0.06', termMonths: 24, method: 'interest_only' as const },
    };
    expect(summarizeCollateral({ ...pf, items: [] }).blockers.map((b) => b.code)).toEqual([
      'COLLATERAL_REQUIRED',
      'COLLATERAL_PROJECTION_MISSING',
    ]);
    const items = [{ id: 'a', type: 'real_estate' as const, valuations: [v('2000000.00', '2026-10-01', 1)] }];
    const low = summarizeCollateral({ ...pf, items, cashFlows: ['90000.00', '1200000.00'] });
    expect(low.dscr?.minimum).toBe('1.1321');
    expect(low.blockers.map((b) => b.code)).toEqual(['COLLATERAL_DSCR_BELOW_MINIMUM']);
    const ok = summarizeCollateral({ ...pf, items, cashFlows: ['90000.00', '1272000.00'] });
    expect(ok.blockers).toEqual([]);
    expect(ok.limits).toEqual({ maxLtv: '0.80', minDscr: '1.20', maxValuationAgeMonths: 12 });
  });
});
