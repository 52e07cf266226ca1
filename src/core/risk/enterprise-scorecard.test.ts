import { describe, expect, it } from 'vitest';
import type { ApplicationDetails } from '../application/application';
import { policy2026v1 } from '../screening/policy';
import {
  enterpriseExpertScorecard,
  enterpriseScorecardInputs,
  industryRiskTiers,
} from './enterprise-scorecard';
import { platformProtectedInputs } from './protected-inputs';
import { compileScorecard } from './score-applicant';

const project = policy2026v1.products.find((p) => p.code === 'project-finance')!;
const workingCapital = policy2026v1.products.find((p) => p.code === 'enterprise-working-capital')!;
const scorecard = compileScorecard({
  model: enterpriseExpertScorecard,
  protectedInputs: platformProtectedInputs,
});

const details = (over: Partial<ApplicationDetails> = {}): ApplicationDetails => ({
  loan: {
    productCode: 'project-finance',
    amount: '30000000.00',
    termMonths: 120,
    declaredCollateralValue: '36000000.00',
  },
  company: { name: '星河', industry: 'utilities', yearsInOperation: 12 },
  project: { totalInvestment: '80000000.00', ownFunds: '24000000.00', projectedAnnualCashFlow: '9000000.00' },
  financials: {
    totalAssets: '200000000.00',
    totalLiabilities: '50000000.00',
    ebit: '30000000.00',
    interestExpense: '3000000.00',
    currentAssets: '80000000.00',
    currentLiabilities: '30000000.00',
    operatingCashFlow: '1000.00',
  },
  ...over,
});

describe('enterprise expert scorecard', () => {
  it('is labelled an expert model and compiles under the platform’s protected list', () => {
    expect(enterpriseExpertScorecard.kind).toBe('expert');
    expect(enterpriseExpertScorecard.label['zh-CN']).toContain('专家评分卡（专家设定权重，非数据训练）');
    expect(enterpriseExpertScorecard.label.en).toContain(
      'expert scorecard (expert-set weights, not trained)',
    );
    for (const c of enterpriseExpertScorecard.characteristics)
      expect(c.bins.some((b) => b.kind === 'missing')).toBe(true);
  });

  it('puts each industry in one tier only', () => {
    const all = Object.values(industryRiskTiers).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(20);
  });

  it('turns details into inputs: DSCR from the projected cash flow over 12 level payments at the reference rate', () => {
    const inputs = enterpriseScorecardInputs({ details: details(), product: project });
    expect(inputs.cash_flow_for_debt_service).toBe(9_000_000);
    // 30m over 120 months at 4.2%: level payment 306,667.xx → ×12 ≈ 3.68m
    expect(inputs.annual_debt_service).toBeGreaterThan(3_600_000);
    expect(inputs.annual_debt_service).toBeLessThan(3_750_000);
    expect(inputs.industry).toBe('utilities');
    // Working capital: operating cash flow instead.
    const wc = enterpriseScorecardInputs({ details: details(), product: workingCapital });
    expect(wc.cash_flow_for_debt_service).toBe(1000);
  });

  it('scores a strong project in grade A territory and explains the weakest points', () => {
    const strong = scorecard.explain(enterpriseScorecardInputs({ details: details(), product: project }));
    expect(strong.score).toBeGreaterThan(600);
    expect(strong.probabilityOfDefault).toBeLessThan(0.05);
    const bare = scorecard.explain(
      enterpriseScorecardInputs({
        details: {
          loan: { productCode: 'project-finance', amount: '30000000.00', termMonths: 120 },
          company: { industry: 'real_estate', yearsInOperation: 2 },
          financials: { totalAssets: '100.00', totalLiabilities: '80.00' },
        },
        product: project,
      }),
    );
    expect(bare.score).toBeLessThan(strong.score);
    expect(bare.probabilityOfDefault).toBeGreaterThan(0.35);
    expect(bare.reasons).toHaveLength(4);
    expect(bare.reasons[0]!.code).toBe('E01');
    expect(bare.characteristics.find((c) => c.name === 'collateral_coverage')!.binLabel).toBe('missing');
  });

  it('counts no interest expense with positive EBIT as the best coverage', () => {
    const r = scorecard.explain(
      enterpriseScorecardInputs({
        details: details({ financials: { ...details().financials, interestExpense: '0.00' } }),
        product: project,
      }),
    );
    const ic = r.characteristics.find((c) => c.name === 'interest_coverage')!;
    expect(ic.points).toBe(ic.maxPoints);
  });
});
