/**
 * Collateral policy as code (押品政策, docs/collateral.md). A policy is versioned and immutable once
 * published: a change is a new version, and every summary names the version it was computed under.
 */

/** 房地产, 机器设备, 应收账款, 存单/保证金, 股权. */
export const collateralTypes = ['real_estate', 'equipment', 'receivables', 'deposit', 'equity'] as const;
export type CollateralType = (typeof collateralTypes)[number];

/** How an appraiser arrived at the value (市场法, 收益法, 成本法, 账面价值, 面值). */
export const valuationMethods = ['market', 'income', 'cost', 'book_value', 'face_value'] as const;
export type ValuationMethod = (typeof valuationMethods)[number];

/**
 * `required`: the loan is not approved without collateral (项目融资: the project's assets and the
 * shares of the project company are pledged). `optional`: the product lends on the borrower's
 * credit; collateral may be offered, and once registered it is held to the same rules (valued,
 * valuation current, loan-to-value within the limit).
 */
export type CollateralRequirement = 'required' | 'optional';

export interface ProductCollateralRule {
  requirement: CollateralRequirement;
  /** Highest loan / Σ current appraised values allowed, decimal string ("0.70"). */
  maxLtv: string;
}

export interface CollateralPolicy {
  version: string;
  /** Share of the appraised value not lent against, per type (decimal strings). */
  haircuts: Readonly<Record<CollateralType, string>>;
  /** Per product code of the screening policy (src/core/screening/policy.ts). */
  products: Readonly<Record<string, ProductCollateralRule>>;
  /** Project financing: lowest DSCR allowed in any year of the loan. */
  minDscr: string;
  /** A valuation older than this many months needs a revaluation before approval. */
  maxValuationAgeMonths: number;
}

/**
 * collateral-2026.1.
 *
 * Haircuts follow how quickly and surely each type turns into cash when enforced: a deposit pledged
 * with the lender is cash less early-withdrawal costs (5%); real estate has a deep market but slow,
 * costly enforcement and price risk (30%); receivables suffer dilution and debtor default (40%);
 * equipment is specific, depreciates and has a thin second-hand market (50%); unlisted equity is
 * volatile and hard to sell (50%).
 *
 * LTV limits: 70% for the consumer, business and working-capital products (the usual ceiling on a
 * mortgage-backed loan), 80% for project financing, which is repaid from the project's cash flows
 * (hence the DSCR floor) with the collateral as a second way out. Only project financing requires
 * collateral; the other three products lend on credit and take collateral when offered.
 */
export const collateralPolicy2026v1: CollateralPolicy = {
  version: 'collateral-2026.1',
  haircuts: {
    real_estate: '0.30',
    equipment: '0.50',
    receivables: '0.40',
    deposit: '0.05',
    equity: '0.50',
  },
  products: {
    'personal-consumer': { requirement: 'optional', maxLtv: '0.70' },
    'personal-business': { requirement: 'optional', maxLtv: '0.70' },
    'enterprise-working-capital': { requirement: 'optional', maxLtv: '0.70' },
    'project-finance': { requirement: 'required', maxLtv: '0.80' },
  },
  minDscr: '1.20',
  maxValuationAgeMonths: 12,
};

export const collateralPolicies: readonly CollateralPolicy[] = [collateralPolicy2026v1];

/** The policy in force. */
export const currentCollateralPolicy: CollateralPolicy = collateralPolicies[collateralPolicies.length - 1]!;

/** A product not listed takes collateral optionally at 70%. */
export const defaultProductCollateralRule: ProductCollateralRule = {
  requirement: 'optional',
  maxLtv: '0.70',
};

export function productCollateralRule(policy: CollateralPolicy, productCode: string): ProductCollateralRule {
  return policy.products[productCode] ?? defaultProductCollateralRule;
}
