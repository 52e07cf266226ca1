import type Decimal from 'decimal.js';
import { AppError } from '../errors';
import { Yuan } from '../money/money';

const TOLERANCE = new Yuan('1e-20');
const MAX_ITERATIONS = 100;
/** Within 1% of the amount received, plain Newton steps in i replace the logarithmic ones. */
const NEAR = new Yuan('0.01');

/** Σ p_k v^k and Σ k·p_k v^k for v = 1 / (1+i), by Horner's rule. */
function presentValues(payments: readonly Decimal[], i: Decimal): [Decimal, Decimal] {
  const v = new Yuan(1).dividedBy(i.plus(1));
  // g = Σ p_k v^(k−1) and dg its derivative in v, the coefficients taken from the highest power down
  let g = new Yuan(0);
  let dg = new Yuan(0);
  for (let k = payments.length - 1; k >= 0; k--) {
    dg = dg.times(v).plus(g);
    g = g.times(v).plus(payments[k]!);
  }
  return [g.times(v), dg.times(v).plus(g).times(v)];
}

/**
 * The periodic internal rate of return of a borrower's cash flows: `cashFlows[0]` is what the borrower
 * receives at the start (positive: the amount less any upfront fee), `cashFlows[k]` what they pay at
 * the end of period k (zero or negative). Returns the i > −1 with Σ_k cashFlows[k]·(1+i)^−k = 0.
 *
 * Newton's method on f(t) = ln(present value of the payments) − ln(received) in t = ln(1+i). f is a
 * log-sum-exp of lines, hence convex and decreasing, and defined for every real t: a Newton step from
 * the right of the root lands left of it, and from the left the iterates climb to the root without
 * overshooting. Far from the root f is nearly linear (one payment dominates), so the steps are long
 * where plain Newton on the present value would crawl. Once the present value is within 1% of the
 * amount received, the steps are plain Newton steps on h(i) = present value − received, also convex
 * and decreasing with the same sign, so the same argument holds, and they need no logarithms.
 * Convergence near the root is quadratic; it stops after a step below 1e−20, which leaves an error of
 * the order of n × that step squared (n payments), far below 1e−30.
 * Deterministic, in 40-digit decimals. Throws AppError('VALIDATION_FAILED') unless
 * cashFlows[0] > 0, every later flow is ≤ 0 and at least one is < 0.
 */
export function internalRateOfReturn({
  cashFlows,
  guess = 0,
}: {
  cashFlows: readonly Decimal.Value[];
  /** A periodic rate near the answer (the nominal periodic rate); only the speed depends on it. */
  guess?: Decimal.Value;
}): Decimal {
  const flows = cashFlows.map((c) => new Yuan(c));
  const [c0, ...rest] = flows;
  if (c0 === undefined || !c0.isFinite() || !c0.gt(0))
    throw new AppError('VALIDATION_FAILED', 'the first cash flow (amount received) must be positive');
  if (rest.some((c) => !c.isFinite() || c.gt(0)))
    throw new AppError('VALIDATION_FAILED', 'every cash flow after the first must be a payment (≤ 0)');
  const payments = rest.map((c) => c.negated());
  if (payments.every((p) => p.isZero()))
    throw new AppError('VALIDATION_FAILED', 'there must be at least one payment');

  const start = new Yuan(guess);
  let i = start.gt(-1) ? start : new Yuan(0);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const [pv, kpv] = presentValues(payments, i);
    const ratio = pv.dividedBy(c0);
    const next = ratio.minus(1).abs().lte(NEAR)
      ? i.plus(pv.minus(c0).times(i.plus(1)).dividedBy(kpv)) // i − h/h', h' = −Σ k·p_k v^(k+1)
      : i.plus(1).times(ratio.ln().times(pv).dividedBy(kpv).exp()).minus(1); // t − f/f' in t = ln(1+i)
    const step = next.minus(i);
    i = next;
    if (step.abs().lte(TOLERANCE)) return i;
  }
  throw new Error('internalRateOfReturn: Newton iteration did not converge');
}
