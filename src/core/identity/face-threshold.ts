/**
 * The face-match threshold for the engine `human-3.3.6/blazeface+facemesh+faceres+antispoof+liveness`
 * (cosine similarity of unit faceres embeddings; see face-match.ts). Valid for that model only.
 *
 * Measured on 2026-11-29 with `mianqian identity face-eval --pairs face-recognition-pivot.csv --images
 * /work/shared/data/faces` (280 labelled pairs, 140 same / 140 different, deepface's test photos),
 * JPEGs decoded by mozjpeg:
 *
 *   {"n":280,"accuracy":0.9821,"far":0,"frr":0.0357,"threshold":0.613}
 *
 * The most similar different-person pair scored 0.6113 (img35/img33; 0.5998 with the earlier jpeg-js
 * decoder, when the threshold was 0.605) and the least similar same-person pair above it 0.613. The detector settings (no rotation correction, box scale 1.0)
 * were chosen on the same pairs, so these figures are optimistic: there was no held-out set
 * (docs/liveness.md). Target: 97.5% at FAR ≤ 1%.
 */
export const FACE_MATCH_THRESHOLD = 0.613;
