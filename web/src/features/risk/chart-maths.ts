import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';

type KsPoint = NonNullable<RiskAssessmentView['model']['curves']>['ks'][number];

/** The bin of the score distribution that holds `score` (the last bin holds its upper edge). */
export function binOf(edges: readonly number[], score: number): number {
  const bins = edges.length - 1;
  for (let i = 0; i < bins; i++) if (score < edges[i + 1]!) return Math.max(0, i);
  return Math.max(0, bins - 1);
}

/** The point where the cumulative bad and good shares are furthest apart (the KS statistic's score). */
export function ksPoint(ks: readonly KsPoint[]): KsPoint | undefined {
  let best: KsPoint | undefined;
  for (const p of ks)
    if (
      !best ||
      Math.abs(p.cumulativeBad - p.cumulativeGood) > Math.abs(best.cumulativeBad - best.cumulativeGood)
    )
      best = p;
  return best;
}
