import { describe, expect, it } from 'vitest';
import { fitLogisticRegression } from './logistic-regression';

const logit = (p: number) => Math.log(p / (1 - p));

describe('fitLogisticRegression', () => {
  it('recovers the closed-form maximum-likelihood solution for one binary feature', () => {
    // x = 0: 100 rows, 20 bad; x = 1: 100 rows, 60 bad. MLE: α = logit(0.2), β = logit(0.6) − logit(0.2).
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 100; i++) {
      x.push(0);
      y.push(i < 20 ? 1 : 0);
      x.push(1);
      y.push(i < 60 ? 1 : 0);
    }
    const fit = fitLogisticRegression({ features: [x], target: y, l2: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(logit(0.2), 8);
    expect(fit.coefficients[0]).toBeCloseTo(logit(0.6) - logit(0.2), 8);
  });

  it('shrinks coefficients towards zero under an L2 penalty and honours a row subset', () => {
    const x = [0, 0, 0, 0, 1, 1, 1, 1, 5, 5];
    const y = [0, 0, 0, 1, 1, 1, 1, 0, 1, 1];
    const free = fitLogisticRegression({ features: [x], target: y, l2: 0, rows: [0, 1, 2, 3, 4, 5, 6, 7] });
    const penalised = fitLogisticRegression({
      features: [x],
      target: y,
      l2: 10,
      rows: [0, 1, 2, 3, 4, 5, 6, 7],
    });
    expect(free.intercept).toBeCloseTo(logit(0.25), 8);
    expect(free.coefficients[0]).toBeCloseTo(logit(0.75) - logit(0.25), 8);
    expect(Math.abs(penalised.coefficients[0]!)).toBeLessThan(Math.abs(free.coefficients[0]!));
  });
});
