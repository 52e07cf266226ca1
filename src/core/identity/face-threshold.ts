/**
 * The face-match threshold for the engine `human-3.3.6/blazeface+facemesh+faceres+antispoof+liveness`
 * (cosine similarity of unit faceres embeddings; see face-match.ts). Valid for that model only.
 *
 * Measured on 2026-11-28 with `mianqian identity face-eval --pairs face-recognition-pivot.csv --images
 * /work/shared/data/faces` (280 labelled pairs, 140 same / 140 different, deepface's test photos):
 *
 *   {"n":280,"accuracy":0.9857,"far":0,"frr":0.0286,"threshold":0.6047}
 *
 * The most similar different-person pair scored 0.5998 and the least similar same-person pair above it
 * 0.6047; 4 same-person pairs fall below. The detector settings (no rotation correction, box scale 1.0)
 * were chosen on the same pairs, so these figures are optimistic: there was no held-out set
 * (docs/liveness.md). Target: 97.5% at FAR ≤ 1%.
 */
export const FACE_MATCH_THRESHOLD = 0.605;
