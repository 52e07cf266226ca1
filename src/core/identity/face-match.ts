/**
 * Face matching: cosine similarity of two face embeddings and the decision at a threshold (人脸比对).
 * Embeddings come from one model (see FaceEngine.modelVersion); comparing embeddings of different
 * models is meaningless, so callers keep the model version with every stored embedding.
 */

/**
 * Cosine similarity of two embeddings, in [-1, 1]. Works for any lengths of equal size; for the
 * unit-length embeddings the face engine returns this is their dot product. Throws when the lengths
 * differ (embeddings of different models) or a vector is all zeros.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0)
    throw new Error(`embeddings differ in length (${a.length} vs ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  if (na === 0 || nb === 0) throw new Error('an embedding is all zeros');
  return dot / Math.sqrt(na * nb);
}

/** The same person when the similarity reaches the threshold (≥, so the threshold itself matches). */
export function isSamePerson({ similarity, threshold }: { similarity: number; threshold: number }): boolean {
  return similarity >= threshold;
}

/**
 * The threshold that maximises accuracy over labelled pairs subject to a false-accept rate of at most
 * `maxFar`, with its accuracy, FAR and FRR. Candidate thresholds are the observed similarities (and
 * just above the largest), so the result is exact for the sample. Ties in accuracy go to the higher
 * threshold (the safer side for a bank). Used by the `identity face-eval` measurement.
 */
export function chooseThreshold({
  pairs,
  maxFar,
}: {
  pairs: readonly { similarity: number; isSame: boolean }[];
  maxFar: number;
}): { threshold: number; accuracy: number; far: number; frr: number } {
  const same = pairs.filter((p) => p.isSame).length;
  const different = pairs.length - same;
  if (same === 0 || different === 0) throw new Error('need both same-person and different-person pairs');
  const candidates = [...new Set(pairs.map((p) => p.similarity))].sort((x, y) => x - y);
  candidates.push(candidates[candidates.length - 1]! + 1e-6);
  let best: { threshold: number; accuracy: number; far: number; frr: number } | undefined;
  for (const threshold of candidates) {
    let falseAccepts = 0;
    let falseRejects = 0;
    for (const p of pairs) {
      const accepted = p.similarity >= threshold;
      if (accepted && !p.isSame) falseAccepts++;
      if (!accepted && p.isSame) falseRejects++;
    }
    const far = falseAccepts / different;
    if (far > maxFar) continue;
    const accuracy = (pairs.length - falseAccepts - falseRejects) / pairs.length;
    if (!best || accuracy >= best.accuracy) best = { threshold, accuracy, far, frr: falseRejects / same };
  }
  return best!;
}
