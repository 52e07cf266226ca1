import type { RiskGrade, RiskRecommendation } from '../../../../src/contracts/risk.schema';

export const gradeColours: Record<RiskGrade, string> = {
  A: 'green',
  B: 'lime',
  C: 'gold',
  D: 'orange',
  E: 'red',
};

export const recommendationColours: Record<RiskRecommendation, string> = {
  approve: 'success',
  refer: 'warning',
  decline: 'error',
};

/** 0.0345 → "3.45%"; null → "—". */
export function formatPercent(fraction: number | null, digits = 2): string {
  return fraction === null ? '—' : `${(fraction * 100).toFixed(digits)}%`;
}

/** A metric such as AUC or KS with three decimals; null → "—". */
export function formatMetric(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : x.toFixed(3);
}

/**
 * An annual rate sent as a decimal fraction string ("0.0650") as a percentage ("6.50%"), by moving the
 * decimal point in the digits, so no binary rounding shows.
 */
export function formatRate(fraction: string): string {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(fraction);
  if (!match) return fraction;
  const frac = (match[2] ?? '').padEnd(2, '0');
  const whole = `${match[1]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const decimals = frac.slice(2).replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${decimals}%`;
}
