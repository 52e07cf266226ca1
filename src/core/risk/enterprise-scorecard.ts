import type { ApplicationDetails } from '../application/application';
import { levelPayment } from '../loan/level-payment';
import { Yuan, isYuanString } from '../money/money';
import type { ProductRule } from '../screening/policy';
import type { ScoringInputs } from './score-applicant';
import type { Bin, Characteristic, LocalisedLabel, ScorecardModel } from './scorecard-model';
import { scorecardFormat } from './scorecard-model';
import { platformProtectedInputs } from './protected-inputs';

/** A hand-set range bin: lower ≤ x < upper. */
const range = (lower: number | null, upper: number | null, points: number): Bin => ({
  kind: 'range',
  lower,
  upper,
  label: `[${lower ?? '−∞'}, ${upper ?? '+∞'})`,
  count: 0,
  badRate: null,
  woe: 0,
  points,
});
const missing = (points: number): Bin => ({
  kind: 'missing',
  label: 'missing',
  count: 0,
  badRate: null,
  woe: 0,
  points,
});
const categories = (values: string[], points: number): Bin => ({
  kind: 'categories',
  values,
  label: values.join(', '),
  count: 0,
  badRate: null,
  woe: 0,
  points,
});
const input = (name: string) => ({ op: 'input' as const, name });
const ratio = (numerator: string, denominator: string) => ({
  op: 'ratio' as const,
  numerator: input(numerator),
  denominator: input(denominator),
});
const expert = (
  c: Omit<Characteristic, 'coefficient' | 'informationValue' | 'reason'> & {
    reasonCode: string;
    reasonText: LocalisedLabel;
  },
): Characteristic => {
  const { reasonCode, reasonText, ...rest } = c;
  return { ...rest, coefficient: 1, informationValue: null, reason: { code: reasonCode, text: reasonText } };
};

/**
 * Industry risk tiers (行业风险): the bank's sector view, not data. Excluded industries never pass
 * screening; they sit in the worst tier so the model never rewards them.
 */
export const industryRiskTiers: Readonly<
  Record<'low' | 'medium' | 'elevated' | 'excluded', readonly string[]>
> = {
  low: ['utilities', 'information_technology', 'healthcare', 'education', 'research', 'environment'],
  medium: [
    'manufacturing',
    'wholesale_retail',
    'transport_logistics',
    'business_services',
    'agriculture',
    'finance',
    'culture_entertainment',
  ],
  elevated: ['construction', 'real_estate', 'mining', 'hospitality'],
  excluded: ['gambling', 'virtual_currency', 'firearms'],
};

/**
 * The enterprise and project-finance scorecard (企业及项目融资专家评分卡): an expert model, its bins
 * and points set by hand (docs/risk.md gives the rationale), not fitted to data — the platform holds no
 * enterprise default history to train on. Same format and scale as the trained retail scorecard (600
 * points at 50:1 good:bad, 20 points to double the odds), so the decision policy reads its PD the same
 * way; every characteristic has a missing bin, scored below the middle, so leaving a figure out never
 * pays.
 */
export const enterpriseExpertScorecard: ScorecardModel = {
  format: scorecardFormat,
  id: 'enterprise-expert',
  version: '2026.1',
  kind: 'expert',
  label: {
    'zh-CN': '企业及项目融资专家评分卡（专家设定权重，非数据训练）',
    en: 'Enterprise and project-finance expert scorecard (expert-set weights, not trained)',
  },
  scaling: { baseScore: 600, baseOdds: 50, pdo: 20 },
  intercept: 0,
  protectedInputs: [...platformProtectedInputs],
  training: null,
  validation: null,
  characteristics: [
    expert({
      name: 'debt_to_asset',
      label: { 'zh-CN': '资产负债率', en: 'Debt to assets' },
      type: 'numeric',
      derivation: ratio('total_liabilities', 'total_assets'),
      bins: [
        range(null, 0.3, 95),
        range(0.3, 0.5, 88),
        range(0.5, 0.6, 78),
        range(0.6, 0.7, 66),
        range(0.7, null, 50),
        missing(55),
      ],
      reasonCode: 'E01',
      reasonText: { 'zh-CN': '资产负债率偏高', en: 'High debt relative to assets' },
    }),
    expert({
      name: 'interest_coverage',
      label: {
        'zh-CN': '利息保障倍数（EBIT / 利息支出）',
        en: 'Interest coverage (EBIT / interest expense)',
      },
      type: 'numeric',
      derivation: ratio('ebit', 'interest_expense'),
      bins: [
        range(null, 1, 45),
        range(1, 1.5, 60),
        range(1.5, 3, 75),
        range(3, 6, 86),
        range(6, null, 95),
        missing(70),
      ],
      reasonCode: 'E02',
      reasonText: { 'zh-CN': '利息保障倍数偏低或未提供', en: 'Low or unreported interest coverage' },
    }),
    expert({
      name: 'debt_service_coverage',
      label: {
        'zh-CN': '偿债覆盖率 DSCR（项目：预测现金流；其他：经营现金流 / 新增贷款年还款额）',
        en: 'Debt service coverage (project: projected cash flow; otherwise operating cash flow / annual debt service of the new loan)',
      },
      type: 'numeric',
      derivation: ratio('cash_flow_for_debt_service', 'annual_debt_service'),
      bins: [
        range(null, 1, 40),
        range(1, 1.2, 60),
        range(1.2, 1.5, 76),
        range(1.5, 2, 86),
        range(2, null, 94),
        missing(68),
      ],
      reasonCode: 'E03',
      reasonText: {
        'zh-CN': '现金流对新增贷款的偿债覆盖不足或未提供',
        en: 'Cash flow covers the new loan’s debt service thinly, or was not given',
      },
    }),
    expert({
      name: 'current_ratio',
      label: { 'zh-CN': '流动比率', en: 'Current ratio' },
      type: 'numeric',
      derivation: ratio('current_assets', 'current_liabilities'),
      bins: [
        range(null, 0.8, 55),
        range(0.8, 1, 65),
        range(1, 1.5, 76),
        range(1.5, 2, 84),
        range(2, null, 88),
        missing(72),
      ],
      reasonCode: 'E04',
      reasonText: { 'zh-CN': '短期偿债能力偏弱或未提供', en: 'Weak or unreported short-term liquidity' },
    }),
    expert({
      name: 'years_in_operation',
      label: { 'zh-CN': '经营年限', en: 'Years in operation' },
      type: 'numeric',
      derivation: input('years_in_operation'),
      bins: [range(null, 3, 62), range(3, 5, 72), range(5, 10, 82), range(10, null, 90), missing(60)],
      reasonCode: 'E05',
      reasonText: { 'zh-CN': '经营年限较短', en: 'Short operating history' },
    }),
    expert({
      name: 'industry_risk',
      label: { 'zh-CN': '行业风险', en: 'Industry risk' },
      type: 'categorical',
      derivation: input('industry'),
      bins: [
        categories([...industryRiskTiers.low], 88),
        categories([...industryRiskTiers.medium], 78),
        categories([...industryRiskTiers.elevated], 64),
        categories([...industryRiskTiers.excluded], 40),
        missing(60),
      ],
      reasonCode: 'E06',
      reasonText: { 'zh-CN': '所属行业风险较高', en: 'Industry with elevated risk' },
    }),
    expert({
      name: 'collateral_coverage',
      label: {
        'zh-CN': '抵押覆盖率（申报抵押价值 / 申请金额）',
        en: 'Collateral coverage (declared value / amount)',
      },
      type: 'numeric',
      derivation: ratio('collateral_value', 'loan_amount'),
      bins: [range(null, 0.5, 70), range(0.5, 1, 80), range(1, 1.5, 88), range(1.5, null, 94), missing(64)],
      reasonCode: 'E07',
      reasonText: { 'zh-CN': '抵押覆盖不足或无抵押', en: 'Little or no collateral' },
    }),
  ],
};

const amount = (text: string | undefined): number | null =>
  text !== undefined && /^-?(0|[1-9]\d{0,12})(\.\d{1,2})?$/.test(text) ? Number(text) : null;

/**
 * The expert scorecard's raw inputs from an enterprise application's details (pure). The annual debt
 * service is 12 level (等额本息) monthly payments of the requested amount over the requested term at
 * the product's reference rate — one normalised yardstick whatever repayment method was chosen. The
 * cash flow for it is the project's projected annual cash flow for project financing, the company's
 * operating cash flow otherwise. No interest expense with a positive EBIT (no debt to serve) counts as
 * the best coverage rather than as missing.
 */
export function enterpriseScorecardInputs({
  details,
  product,
}: {
  details: ApplicationDetails;
  product: Pick<ProductRule, 'referenceAnnualRate' | 'isProjectFinance'>;
}): ScoringInputs {
  const f = details.financials ?? {};
  const loanAmount = details.loan.amount;
  const term = details.loan.termMonths;
  let annualDebtService: number | null = null;
  if (loanAmount !== undefined && isYuanString(loanAmount) && term !== undefined && term > 0) {
    const payment = levelPayment({
      amount: new Yuan(loanAmount),
      annualRate: new Yuan(product.referenceAnnualRate),
      periodsPerYear: 12,
      periods: term,
    });
    annualDebtService = payment.times(Math.min(12, term)).toNumber();
  }
  const ebit = amount(f.ebit);
  let interestExpense = amount(f.interestExpense);
  if (interestExpense === 0 && ebit !== null && ebit > 0) interestExpense = 0.01;
  return {
    total_liabilities: amount(f.totalLiabilities),
    total_assets: amount(f.totalAssets),
    ebit,
    interest_expense: interestExpense,
    cash_flow_for_debt_service: product.isProjectFinance
      ? amount(details.project?.projectedAnnualCashFlow)
      : amount(f.operatingCashFlow),
    annual_debt_service: annualDebtService,
    current_assets: amount(f.currentAssets),
    current_liabilities: amount(f.currentLiabilities),
    years_in_operation: details.company?.yearsInOperation ?? null,
    industry: details.company?.industry ?? null,
    collateral_value: amount(details.loan.declaredCollateralValue),
    loan_amount: amount(loanAmount),
  };
}
