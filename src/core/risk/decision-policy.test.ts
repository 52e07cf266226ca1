import { describe, expect, it } from 'vitest';
import { policy2026v1 } from '../screening/policy';
import { approveBelowPd, currentRiskPolicy, decideRisk, gradeOf, riskPolicy2026v1 } from './decision-policy';

const policy = riskPolicy2026v1;
const consumer = policy2026v1.products.find((p) => p.code === 'personal-consumer')!;

describe('risk decision policy risk-2026.1', () => {
  it('is the current policy and approves below 10% PD', () => {
    expect(currentRiskPolicy.version).toBe('risk-2026.1');
    expect(approveBelowPd(policy)).toBe(0.1);
  });

  it('grades by PD at 5/10/20/35%, bounds exclusive', () => {
    const pds = [0, 0.0499, 0.05, 0.0999, 0.1, 0.1999, 0.2, 0.3499, 0.35, 0.99, Number.NaN];
    expect(pds.map((probabilityOfDefault) => gradeOf({ policy, probabilityOfDefault }))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'E',
      'E',
      'E',
    ]);
  });

  it('recommends approve for A and B, refer for C and D, decline for E', () => {
    const rec = (pd: number) =>
      decideRisk({ policy, probabilityOfDefault: pd, requestedAmount: '50000.00', product: consumer })
        .recommendation;
    expect([0.01, 0.07, 0.15, 0.3, 0.5].map(rec)).toEqual([
      'approve',
      'approve',
      'refer',
      'refer',
      'decline',
    ]);
  });

  it('prices the reference rate plus the grade spread, within the floor and the cap', () => {
    const rate = (pd: number, referenceAnnualRate: string) =>
      decideRisk({
        policy,
        probabilityOfDefault: pd,
        requestedAmount: '50000.00',
        product: { referenceAnnualRate, maxAmount: '300000.00' },
      }).recommendedAnnualRate;
    expect(rate(0.01, '0.0720')).toBe('0.0720');
    expect(rate(0.07, '0.0720')).toBe('0.0870');
    expect(rate(0.15, '0.0720')).toBe('0.1070');
    // D: 0.0720 + 0.0650 = 0.1370 → the 12% cap.
    expect(rate(0.3, '0.0720')).toBe('0.1200');
    // Floor: a 2% reference rate is lifted to 3%.
    expect(rate(0.01, '0.0200')).toBe('0.0300');
  });

  it('limits the amount by grade share and product maximum, in fen, rounded down', () => {
    const limit = (pd: number, requestedAmount: string, maxAmount = '300000.00') =>
      decideRisk({
        policy,
        probabilityOfDefault: pd,
        requestedAmount,
        product: { referenceAnnualRate: '0.0720', maxAmount },
      }).recommendedLimit;
    expect(limit(0.01, '50000.00')).toBe('50000.00');
    expect(limit(0.07, '12345.67')).toBe('12345.67');
    expect(limit(0.15, '12345.67')).toBe('9876.53'); // 9876.536 → down to fen
    expect(limit(0.3, '10000.01')).toBe('6000.00'); // 6000.006
    expect(limit(0.5, '50000.00')).toBe('0.00');
    expect(limit(0.01, '500000.00')).toBe('300000.00');
  });
});
