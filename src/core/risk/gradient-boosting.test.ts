import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import {
  explainGradientBoosting,
  gradientBoostingMargin,
  parseGradientBoostingModel,
  predictGradientBoosting,
  trainGradientBoosting,
  type GradientBoostingModel,
  type Tree,
} from './gradient-boosting';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows of uniform features; `label` decides the clean target, `noise` flips that share of labels. */
function synthetic({
  n,
  nFeatures,
  seed,
  label,
  noise = 0,
}: {
  n: number;
  nFeatures: number;
  seed: number;
  label: (x: number[], random: () => number) => number;
  noise?: number;
}): { features: Float64Array[]; target: Uint8Array; clean: Uint8Array; rows: number[][] } {
  const random = mulberry32(seed);
  const features = Array.from({ length: nFeatures }, () => new Float64Array(n));
  const target = new Uint8Array(n);
  const clean = new Uint8Array(n);
  const rows: number[][] = [];
  for (let r = 0; r < n; r++) {
    const x = Array.from({ length: nFeatures }, () => random());
    x.forEach((v, f) => (features[f]![r] = v));
    clean[r] = label(x, random);
    target[r] = random() < noise ? 1 - clean[r]! : clean[r]!;
    rows.push(x);
  }
  return { features, target, clean, rows };
}

function auc(scores: number[], target: ArrayLike<number>): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (target[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (target[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

const names = (k: number) => Array.from({ length: k }, (_, f) => `x${f}`);
const xor = (x: number[]) => (x[0]! > 0.5 !== x[1]! > 0.5 ? 1 : 0);

describe('trainGradientBoosting', () => {
  it('learns an XOR rule through 10% label noise', () => {
    const train = synthetic({ n: 3000, nFeatures: 4, seed: 1, label: xor, noise: 0.1 });
    const test = synthetic({ n: 800, nFeatures: 4, seed: 2, label: xor });
    const model = trainGradientBoosting({
      features: train.features,
      featureNames: names(4),
      target: train.target,
      params: { trees: 100, learningRate: 0.1, maxDepth: 3 },
      seed: 3,
    });
    const scores = test.rows.map((row) => predictGradientBoosting({ model, row }));
    expect(auc(scores, test.clean)).toBeGreaterThan(0.95);
    for (const p of scores) expect(p > 0 && p < 1).toBe(true);
  });

  it('learns where missing values belong', () => {
    // x0 > 0.5 is bad; a missing x0 is bad too (as if "no record" were a warning sign).
    const random = mulberry32(11);
    const n = 2000;
    const x0 = new Float64Array(n);
    const x1 = new Float64Array(n);
    const target = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      const missing = random() < 0.2;
      x0[r] = missing ? NaN : random();
      x1[r] = random();
      target[r] = missing || x0[r]! > 0.5 ? 1 : 0;
      if (random() < 0.05) target[r] = 1 - target[r]!;
    }
    const model = trainGradientBoosting({
      features: [x0, x1],
      featureNames: ['x0', 'x1'],
      target,
      params: { trees: 60, learningRate: 0.2, maxDepth: 2 },
    });
    expect(predictGradientBoosting({ model, row: [NaN, 0.5] })).toBeGreaterThan(0.8);
    expect(predictGradientBoosting({ model, row: [0.9, 0.5] })).toBeGreaterThan(0.8);
    expect(predictGradientBoosting({ model, row: [0.1, 0.5] })).toBeLessThan(0.2);

    // The other way round: missing means good.
    const flipped = Uint8Array.from(target, (t, r) => (Number.isNaN(x0[r]!) ? 1 - t : t));
    const model2 = trainGradientBoosting({
      features: [x0, x1],
      featureNames: ['x0', 'x1'],
      target: flipped,
      params: { trees: 60, learningRate: 0.2, maxDepth: 2 },
    });
    expect(predictGradientBoosting({ model: model2, row: [NaN, 0.5] })).toBeLessThan(0.2);
    expect(predictGradientBoosting({ model: model2, row: [0.9, 0.5] })).toBeGreaterThan(0.8);
  });

  it('sends missing values somewhere defined when training had none', () => {
    const data = synthetic({ n: 500, nFeatures: 2, seed: 5, label: (x) => (x[0]! > 0.5 ? 1 : 0) });
    const model = trainGradientBoosting({
      features: data.features,
      featureNames: names(2),
      target: data.target,
    });
    const p = predictGradientBoosting({ model, row: [NaN, NaN] });
    expect(Number.isFinite(p)).toBe(true);
  });

  it('is deterministic for a seed and varies with it', () => {
    const data = synthetic({ n: 800, nFeatures: 5, seed: 7, label: xor, noise: 0.1 });
    const train = (seed: number) =>
      trainGradientBoosting({
        features: data.features,
        featureNames: names(5),
        target: data.target,
        params: { trees: 30, subsample: 0.7, colsample: 0.6 },
        seed,
      });
    expect(JSON.stringify(train(42))).toBe(JSON.stringify(train(42)));
    expect(JSON.stringify(train(42))).not.toBe(JSON.stringify(train(43)));
  });

  it('survives JSON: serialise, parse, same predictions and explanations', () => {
    const data = synthetic({ n: 1000, nFeatures: 3, seed: 9, label: xor, noise: 0.1 });
    data.features[2]![3] = NaN;
    data.features[2]![30] = NaN;
    const model = trainGradientBoosting({
      features: data.features,
      featureNames: ['a', 'b', 'c'],
      target: data.target,
      params: { trees: 40 },
    });
    const parsed = parseGradientBoostingModel(JSON.parse(JSON.stringify(model)));
    const rows = [...data.rows.slice(0, 100), [NaN, 0.3, NaN], [0.7, NaN, 0.1]];
    for (const row of rows) {
      expect(predictGradientBoosting({ model: parsed, row })).toBe(predictGradientBoosting({ model, row }));
      expect(explainGradientBoosting({ model: parsed, row })).toEqual(
        explainGradientBoosting({ model, row }),
      );
    }
    expect(parsed.format).toBe('mianqian-gbt/1');
  });

  it('keeps the best iteration with early stopping and reports progress', () => {
    const data = synthetic({
      n: 1500,
      nFeatures: 3,
      seed: 13,
      label: (x) => (x[0]! > 0.5 ? 1 : 0),
      noise: 0.2,
    });
    const progress: number[] = [];
    const model = trainGradientBoosting({
      features: data.features,
      featureNames: names(3),
      target: data.target,
      params: { trees: 300, learningRate: 0.5, maxDepth: 6, minChildWeight: 0, earlyStoppingRounds: 10 },
      onProgress: (done, total) => {
        expect(total).toBe(300);
        progress.push(done);
      },
    });
    expect(model.trees.length).toBeGreaterThan(0);
    expect(model.trees.length).toBeLessThan(300);
    expect(progress.at(-1)).toBe(300);
  });

  it('refuses inconsistent input', () => {
    const bad = () =>
      trainGradientBoosting({
        features: [new Float64Array(3), new Float64Array(4)],
        featureNames: ['a', 'b'],
        target: new Uint8Array(3),
      });
    expect(bad).toThrow();
    try {
      bad();
    } catch (e) {
      expect(isAppError(e, 'RISK_INPUT_INVALID')).toBe(true);
    }
    expect(() =>
      trainGradientBoosting({
        features: [new Float64Array(3)],
        featureNames: ['a'],
        target: new Uint8Array(3),
        params: { maxBins: 1000 },
      }),
    ).toThrow();
    expect(() =>
      parseGradientBoostingModel({ format: 'mianqian-gbt/1', featureNames: [], trees: [] }),
    ).toThrow();
  });
});

/** Path-dependent expectation E[f(x) | x_S] of one tree (Lundberg et al. 2020, Algorithm 1). */
function conditionalExpectation(tree: Tree, row: number[], inS: boolean[], node = 0): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  const l = tree.left[node]!;
  const r = tree.right[node]!;
  if (inS[f]) {
    const x = row[f]!;
    const goLeft = Number.isNaN(x) ? tree.defaultLeft[node] === 1 : x < tree.threshold[node]!;
    return conditionalExpectation(tree, row, inS, goLeft ? l : r);
  }
  return (
    (tree.cover[l]! * conditionalExpectation(tree, row, inS, l) +
      tree.cover[r]! * conditionalExpectation(tree, row, inS, r)) /
    tree.cover[node]!
  );
}

/** Exact Shapley values by enumerating every coalition. */
function bruteForceShap(model: GradientBoostingModel, row: number[]): number[] {
  const m = model.featureNames.length;
  const value = (mask: number) => {
    const inS = Array.from({ length: m }, (_, f) => (mask & (1 << f)) !== 0);
    return model.trees.reduce((s, tree) => s + conditionalExpectation(tree, row, inS), model.baseScore);
  };
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const phi = new Array<number>(m).fill(0);
  for (let mask = 0; mask < 1 << m; mask++) {
    let size = 0;
    for (let f = 0; f < m; f++) if (mask & (1 << f)) size++;
    for (let f = 0; f < m; f++) {
      if (mask & (1 << f)) continue;
      const weight = (factorial(size) * factorial(m - size - 1)) / factorial(m);
      phi[f]! += weight * (value(mask | (1 << f)) - value(mask));
    }
  }
  return phi;
}

describe('explainGradientBoosting', () => {
  const data = synthetic({
    n: 1500,
    nFeatures: 4,
    seed: 21,
    // x0 and x1 interact, x2 adds a little, x3 is ignored.
    label: (x, random) => (random() < 1 / (1 + Math.exp(-(4 * (xor(x) - 0.5) + 2 * (x[2]! - 0.5)))) ? 1 : 0),
  });
  for (let r = 0; r < 1500; r += 17) data.features[1]![r] = NaN;
  const model = trainGradientBoosting({
    features: data.features,
    featureNames: names(4),
    target: data.target,
    params: { trees: 60, learningRate: 0.1, maxDepth: 4, colsample: 1 },
    seed: 5,
  });
  const rows = [...data.rows.slice(0, 150), [NaN, NaN, NaN, NaN], [0.2, NaN, 0.9, 0.5]];

  it('adds up to the margin', () => {
    for (const row of rows) {
      const { baseValue, contributions } = explainGradientBoosting({ model, row });
      const total = contributions.reduce((s, c) => s + c.value, baseValue);
      const p = predictGradientBoosting({ model, row });
      expect(Math.abs(total - gradientBoostingMargin({ model, row }))).toBeLessThan(1e-9);
      expect(Math.abs(total - Math.log(p / (1 - p)))).toBeLessThan(1e-9);
      expect(contributions.map((c) => c.feature)).toEqual(names(4));
    }
  });

  it('matches exact Shapley values of the path-dependent expectation', () => {
    for (const row of rows.slice(0, 25)) {
      const { contributions } = explainGradientBoosting({ model, row });
      const exact = bruteForceShap(model, row);
      contributions.forEach((c, f) => expect(Math.abs(c.value - exact[f]!)).toBeLessThan(1e-9));
    }
  });

  it('gives a feature the target ignores next to nothing', () => {
    // x0 decides (with 5% noise), x1 is noise: x1 may pick up a little noise, no more.
    const simple = synthetic({
      n: 2000,
      nFeatures: 2,
      seed: 31,
      label: (x) => (x[0]! > 0.4 ? 1 : 0),
      noise: 0.05,
    });
    const m = trainGradientBoosting({
      features: simple.features,
      featureNames: names(2),
      target: simple.target,
      params: { trees: 50, learningRate: 0.1, maxDepth: 3, minChildWeight: 10, lambda: 5 },
    });
    let used = 0;
    let ignored = 0;
    for (const row of simple.rows.slice(0, 300)) {
      const { contributions } = explainGradientBoosting({ model: m, row });
      used += Math.abs(contributions[0]!.value);
      ignored += Math.abs(contributions[1]!.value);
    }
    expect(ignored).toBeLessThan(0.1 * used);
  });
});
