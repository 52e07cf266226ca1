/**
 * Seeded, stratified splits for model validation. Core has no randomness of its own: the seed is
 * passed in and a small PRNG (mulberry32) makes the same seed give the same split everywhere.
 */

/** mulberry32: a 32-bit seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(indices: number[], random: () => number): number[] {
  for (let i = indices.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices;
}

function byClass(labels: ArrayLike<number>): number[][] {
  const classes = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    let list = classes.get(l);
    if (!list) classes.set(l, (list = []));
    list.push(i);
  }
  return [...classes.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/**
 * A hold-out split keeping each class's share: from every class, round(testShare × its size) rows
 * (picked at random with `seed`) go to the test set. Indices come back ascending.
 */
export function stratifiedHoldout({
  labels,
  testShare = 0.3,
  seed = 1,
}: {
  labels: ArrayLike<number>;
  testShare?: number;
  seed?: number;
}): { train: Uint32Array; test: Uint32Array } {
  const random = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of byClass(labels)) {
    const order = shuffled(members, random);
    const k = Math.round(order.length * testShare);
    test.push(...order.slice(0, k));
    train.push(...order.slice(k));
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}

/**
 * Stratified k-fold: each row's fold (0 … folds−1), each class dealt round-robin over the folds after
 * a seeded shuffle, so every fold holds the same share of each class (±1 row).
 */
export function stratifiedKFold({
  labels,
  folds = 5,
  seed = 1,
}: {
  labels: ArrayLike<number>;
  folds?: number;
  seed?: number;
}): Uint8Array {
  if (folds < 2 || folds > 255) throw new RangeError('folds must be 2 … 255');
  const random = mulberry32(seed);
  const fold = new Uint8Array(labels.length);
  let next = 0;
  for (const members of byClass(labels)) {
    for (const i of shuffled(members, random)) {
      fold[i] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}
