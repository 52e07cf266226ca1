import Decimal from 'decimal.js';
import { Yuan, parseYuan } from '../money/money';

/** Risk grades from best to worst (风险等级). */
export type RiskGrade = 'A' | 'B' | 'C' | 'D' | 'E';
/** What the model recommends to the officer: approve, refer to a person, decline (建议). */
export type RiskRecommendation = 'approve' | 'refer' | 'decline';

/**
 * The risk decision policy as code (风险决策策略): PD → grade → recommendation, risk-based price and
 * limit. Versioned and immutable once published, like the screening policy: every assessment stores
 * the version it ran under. Rates and shares are decimal strings.
 */
export interface RiskDecisionPolicy {
  version: string;
  /** Upper PD bound (exclusive) of each grade but the last, in grade order A…D; E is the rest. */
  gradeUpperPd: Readonly<Record<Exclude<RiskGrade, 'E'>, number>>;
  recommendation: Readonly<Record<RiskGrade, RiskRecommendation>>;
  /** Added to the product's reference annual rate. */
  spread: Readonly<Record<RiskGrade, string>>;
  /** Lowest annual rate ever offered. */
  rateFloor: string;
  /**
   * Highest annual rate ever offered. Policy 2026.1: 12%, the judicial protection ceiling for lending
   * (4 × the one-year LPR of 3.0% in force since May 2025; Supreme People's Court provisions on private
   * lending as amended in 2020) and so far under the 24% comprehensive-cost line. A change of the LPR
   * that lowers the ceiling means a new policy version.
   */
  rateCap: string;
  /** Share of the requested amount the grade may receive. */
  limitShare: Readonly<Record<RiskGrade, string>>;
}

/** Policy risk-2026.1: the first published risk decision policy (docs/risk.md explains each number). */
export const riskPolicy2026v1: RiskDecisionPolicy = {
  version: 'risk-2026.1',
  gradeUpperPd: { A: 0.05, B: 0.1, C: 0.2, D: 0.35 },
  recommendation: { A: 'approve', B: 'approve', C: 'refer', D: 'refer', E: 'decline' },
  spread: { A: '0.0000', B: '0.0150', C: '0.0350', D: '0.0650', E: '0.1000' },
  rateFloor: '0.0300',
  rateCap: '0.1200',
  limitShare: { A: '1', B: '1', C: '0.8', D: '0.6', E: '0' },
};

/** Every published risk policy; the last is current. */
export const riskPolicies: readonly RiskDecisionPolicy[] = [riskPolicy2026v1];
export const currentRiskPolicy: RiskDecisionPolicy = riskPolicies[riskPolicies.length - 1]!;

/** The PD below which the policy approves (the end of grade B): the fairness cutoff. */
export function approveBelowPd(policy: RiskDecisionPolicy): number {
  return policy.gradeUpperPd.B;
}

/** The grade of a probability of default: A < 5%, B < 10%, C < 20%, D < 35%, E otherwise (policy 2026.1). */
export function gradeOf({
  policy,
  probabilityOfDefault,
}: {
  policy: RiskDecisionPolicy;
  probabilityOfDefault: number;
}): RiskGrade {
  if (!Number.isFinite(probabilityOfDefault)) return 'E';
  for (const g of ['A', 'B', 'C', 'D'] as const) if (probabilityOfDefault < policy.gradeUpperPd[g]) return g;
  return 'E';
}

export interface RiskDecision {
  policyVersion: string;
  grade: RiskGrade;
  recommendation: RiskRecommendation;
  /** Yuan, two places: the requested amount × the grade's share, capped by the product's maximum, rounded down to fen. */
  recommendedLimit: string;
  /** Decimal fraction with four places, e.g. "0.0870": reference rate + spread, within [floor, cap]. */
  recommendedAnnualRate: string;
}

/**
 * Applies the policy to a model's PD: the grade, the recommendation, the risk-based annual rate (the
 * product's reference rate plus the grade's spread, bounded by the floor and the cap) and the limit
 * (the requested amount times the grade's share, never above the product's maximum; rounded down to
 * fen so the limit never exceeds what the policy allows). Exact decimals throughout.
 */
export function decideRisk({
  policy,
  probabilityOfDefault,
  requestedAmount,
  product,
}: {
  policy: RiskDecisionPolicy;
  probabilityOfDefault: number;
  /** Yuan, decimal string. */
  requestedAmount: string;
  product: { referenceAnnualRate: string; maxAmount: string };
}): RiskDecision {
  const grade = gradeOf({ policy, probabilityOfDefault });
  const rate = Yuan.min(
    new Yuan(policy.rateCap),
    Yuan.max(new Yuan(policy.rateFloor), new Yuan(product.referenceAnnualRate).plus(policy.spread[grade])),
  );
  const shaved = parseYuan(requestedAmount).times(policy.limitShare[grade]);
  const limit = Yuan.min(shaved, parseYuan(product.maxAmount)).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  return {
    policyVersion: policy.version,
    grade,
    recommendation: policy.recommendation[grade],
    recommendedLimit: limit.toFixed(2),
    recommendedAnnualRate: rate.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4),
  };
}
