import type { CollateralDeps } from './collateral-deps';
import { collateralSummaryOf } from './collateral-view';

/**
 * What collateral says about approving `applicationId` at `amount` (docs/collateral.md): a product
 * that requires collateral has none, an item has no valuation, the loan-to-value is over the product's
 * maximum, a valuation is too old, or (project financing) no projection or a DSCR below the minimum.
 */
export async function collateralBlockersOf({
  deps,
  applicationId,
  amount,
}: {
  deps: CollateralDeps;
  applicationId: string;
  amount: string;
}): Promise<{ source: 'collateral'; code: string; message: string; details: Record<string, unknown> }[]> {
  const app = await deps.applications.find(applicationId);
  if (!app) return [];
  const { summary } = await collateralSummaryOf({ deps, app, amount });
  return summary.blockers.map((b) => ({
    source: 'collateral' as const,
    code: b.code,
    message: b.message,
    details: { ...b.details, policyVersion: summary.policyVersion },
  }));
}
