/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS), deterministic. The intercept is
 * not penalised. Minimises −Σ [y·ln p + (1−y)·ln(1−p)] + (λ/2)·Σ β_j², p = σ(α + x·β).
 */
export interface LogisticModel {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

/** Solves A x = b for a symmetric positive-definite A (Cholesky), A given row-major n×n. */
function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(s, 1e-12));
      else l[i * n + j] = s / l[j * n + j]!;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/**
 * Fits P(y = 1 | x) = σ(α + Σ β_j x_j). `features` are columns (each of length n), `target` 0/1.
 * `l2` is λ (default 1); `rows` restricts the fit to those row indices.
 */
export function fitLogisticRegression({
  features,
  target,
  rows,
  l2 = 1,
  maxIterations = 50,
  tolerance = 1e-8,
  initial,
}: {
  features: readonly ArrayLike<number>[];
  target: ArrayLike<number>;
  rows?: ArrayLike<number>;
  l2?: number;
  maxIterations?: number;
  tolerance?: number;
  /** Starting point (warm start), e.g. a previous fit with one feature fewer. */
  initial?: { intercept: number; coefficients: readonly number[] };
}): LogisticModel {
  const p = features.length + 1;
  const n = rows ? rows.length : target.length;
  // Column-major design matrix with a leading column of ones for the intercept: the inner loops run
  // over contiguous memory.
  const cols: Float64Array[] = [new Float64Array(n).fill(1)];
  for (const f of features) {
    const col = new Float64Array(n);
    for (let k = 0; k < n; k++) col[k] = f[rows ? rows[k]! : k]!;
    cols.push(col);
  }
  const y = new Float64Array(n);
  for (let k = 0; k < n; k++) y[k] = target[rows ? rows[k]! : k]!;
  const beta = new Float64Array(p);
  if (initial) {
    beta[0] = initial.intercept;
    for (let j = 1; j < p; j++) beta[j] = initial.coefficients[j - 1] ?? 0;
  }
  const hessian = new Float64Array(p * p);
  const gradient = new Float64Array(p);
  const eta = new Float64Array(n);
  const w = new Float64Array(n);
  const r = new Float64Array(n);
  const wx = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    eta.fill(0);
    for (let j = 0; j < p; j++) {
      const c = cols[j]!;
      const bj = beta[j]!;
      for (let k = 0; k < n; k++) eta[k] = eta[k]! + bj * c[k]!;
    }
    for (let k = 0; k < n; k++) {
      const mu = 1 / (1 + Math.exp(-eta[k]!));
      w[k] = Math.max(mu * (1 - mu), 1e-10);
      r[k] = y[k]! - mu;
    }
    for (let a = 0; a < p; a++) {
      const ca = cols[a]!;
      let g = 0;
      for (let k = 0; k < n; k++) {
        g += ca[k]! * r[k]!;
        wx[k] = w[k]! * ca[k]!;
      }
      gradient[a] = g;
      for (let b = 0; b <= a; b++) {
        const cb = cols[b]!;
        let h = 0;
        for (let k = 0; k < n; k++) h += wx[k]! * cb[k]!;
        hessian[a * p + b] = h;
        hessian[b * p + a] = h;
      }
    }
    for (let j = 1; j < p; j++) {
      gradient[j] = gradient[j]! - l2 * beta[j]!;
      hessian[j * p + j] = hessian[j * p + j]! + l2;
    }
    const step = solveSpd(hessian, gradient, p);
    let change = 0;
    for (let j = 0; j < p; j++) {
      beta[j] = beta[j]! + step[j]!;
      change = Math.max(change, Math.abs(step[j]!));
    }
    if (change < tolerance) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, coefficients: Array.from(beta.subarray(1)), iterations, converged };
}
