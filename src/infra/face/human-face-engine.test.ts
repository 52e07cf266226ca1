/**
 * The real face engine on real photographs (the shared test set, never copied into the repository:
 * see /work/shared/data/faces/README.md). The models load once for this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/errors';
import { cosineSimilarity } from '../../core/identity/face-match';
import { FACE_MATCH_THRESHOLD } from '../../core/identity/face-threshold';
import { livenessPose } from '../../core/identity/judge-face-verification';
import { verifyFace } from '../../features/identity/verify-face';
import {
  cameraFrame,
  STILL_SEQUENCE,
  turningHeadSequence,
  TURNING_HEAD,
  type SequenceImage,
} from '../../../tests/e2e/support/fake-camera-video';
import { createHumanFaceEngine, humanFaceModelVersion } from './human-face-engine';
import { facesDir } from '../../../tests/support/faces-dir';

const dir = facesDir();
const photo = (name: string) => readFileSync(join(dir, name));
const engine = createHumanFaceEngine();

/**
 * The same JPEG with a comment segment after the start marker: other bytes (another SHA-256, so no
 * cached result applies), the same pixels.
 */
function withComment(jpegBytes: Uint8Array, text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const segment = new Uint8Array([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return new Uint8Array([...jpegBytes.subarray(0, 2), ...segment, ...jpegBytes.subarray(2)]);
}

/** 640×480 camera frames: each image shown for `perPhoto` frames, as a browser would capture them. */
function frames(images: readonly (SequenceImage | string)[], perPhoto: number): Uint8Array[] {
  return images.flatMap((img) => {
    const { name, mirror = false } = typeof img === 'string' ? { name: img } : img;
    const frame = cameraFrame({ image: photo(name), mirror });
    return Array.from({ length: perPhoto }, () => frame);
  });
}

beforeAll(async () => {
  await engine.analyse(photo('img1.jpg')); // load the models once, outside the first test's timing
});

describe('createHumanFaceEngine (Human 3.3.6 on tfjs WASM)', () => {
  it('finds exactly one face in a portrait, with every measurement filled', async () => {
    const a = await engine.analyse(photo('img1.jpg'));
    expect(a.width).toBeGreaterThan(500);
    expect(a.faces).toHaveLength(1);
    const [face] = a.faces;
    expect(face!.score).toBeGreaterThan(0.8);
    expect(face!.embedding).toHaveLength(1024);
    expect(Math.hypot(...face!.embedding!)).toBeCloseTo(1, 5);
    expect(Math.abs(face!.pose.yaw)).toBeLessThan(10);
    expect(face!.box.width).toBeGreaterThan(100);
    for (const score of [face!.antispoof, face!.liveness, face!.eyesOpen]) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(engine.modelVersion).toBe(humanFaceModelVersion);
  });

  it('finds several faces in a photo of a couple', async () => {
    const a = await engine.analyse(photo('couple.jpg'));
    expect(a.faces.length).toBeGreaterThanOrEqual(2);
  });

  it('reads yaw positive for a turn to the person’s own left, and flips it in a mirror image', async () => {
    // img61.jpg: the subject has turned his head to his own right (his nose points to the picture's left).
    const [original] = (await engine.analyse(cameraFrame({ image: photo(TURNING_HEAD.turned) }))).faces;
    const [mirrored] = (
      await engine.analyse(cameraFrame({ image: photo(TURNING_HEAD.turned), mirror: true }))
    ).faces;
    const [frontal] = (await engine.analyse(cameraFrame({ image: photo(TURNING_HEAD.frontal) }))).faces;
    expect(original!.pose.yaw).toBeLessThanOrEqual(-livenessPose.turnedYaw);
    expect(mirrored!.pose.yaw).toBeGreaterThanOrEqual(livenessPose.turnedYaw);
    expect(Math.abs(frontal!.pose.yaw)).toBeLessThanOrEqual(livenessPose.frontalYaw);
  });

  it('puts a same-person pair above the threshold and a different-person pair below it', async () => {
    const embed = async (name: string) => (await engine.analyse(photo(name))).faces[0]!.embedding!;
    const [a, b, c] = await Promise.all([embed('img1.jpg'), embed('img4.jpg'), embed('img23.jpg')]);
    expect(cosineSimilarity(a, b)).toBeGreaterThanOrEqual(FACE_MATCH_THRESHOLD); // the pivot file: Yes
    expect(cosineSimilarity(a, c)).toBeLessThan(FACE_MATCH_THRESHOLD); // the pivot file: No
  });

  it('analyses without description, then describes the same bytes as a full analysis would', async () => {
    const frame = cameraFrame({ image: photo(TURNING_HEAD.frontal) });
    const bare = await engine.analyse(withComment(frame, 'a'), { describe: false });
    expect(bare.faces).toHaveLength(1);
    expect(bare.faces[0]!.embedding).toBeUndefined();
    // Described later from the kept crop (only the description model runs) …
    const later = await engine.analyse(withComment(frame, 'a'));
    // … and in one go, on other bytes with the same pixels.
    const full = await engine.analyse(withComment(frame, 'b'));
    expect(later.faces[0]!.pose).toEqual(bare.faces[0]!.pose);
    expect(later.faces[0]!.box).toEqual(full.faces[0]!.box);
    expect(cosineSimilarity(later.faces[0]!.embedding!, full.faces[0]!.embedding!)).toBeGreaterThan(0.9999);
    // A described analysis is kept: asking again (a retry's reference photo) gives the same result.
    expect(await engine.analyse(withComment(frame, 'b'))).toBe(full);
  });

  it('warms up without an image', async () => {
    await expect(createHumanFaceEngine().warmUp()).resolves.toBeUndefined();
  });

  it('reads a WebP by its content (img47.jpg is a WebP named .jpg)', async () => {
    expect((await engine.analyse(photo('img47.jpg'))).faces).toHaveLength(1);
  });

  it('refuses bytes that are not a JPEG, PNG or WebP with FACE_IMAGE_INVALID', async () => {
    const webp = photo('img47.jpg');
    const attempts = [
      new TextEncoder().encode('not an image at all'),
      photo('img1.jpg').subarray(0, 2_000), // a truncated JPEG
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]), // a PNG header only
      Buffer.concat([webp.subarray(0, 16), Buffer.alloc(200, 7)]), // a WebP header over garbage
    ];
    for (const bytes of attempts) {
      const error = await engine.analyse(bytes).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(error, 'FACE_IMAGE_INVALID'), String(error)).toBe(true);
    }
    // The engine still works after refusing bad input.
    expect((await engine.analyse(photo('img1.jpg'))).faces).toHaveLength(1);
  });
});

describe('verifyFace with the real engine', () => {
  const reference = photo(TURNING_HEAD.reference);

  it('passes a head turning the asked way and fails the other challenge', async () => {
    for (const challenge of ['turn_left', 'turn_right'] as const) {
      const r = await verifyFace({
        deps: { faceEngine: engine },
        frames: frames(turningHeadSequence(challenge), 1),
        challenge,
        reference,
      });
      expect(r.failures, JSON.stringify(r.frames)).toEqual([]);
      expect(r.passed).toBe(true);
      expect(r.similarity).toBeGreaterThanOrEqual(FACE_MATCH_THRESHOLD);
      expect(r.modelVersion).toBe(humanFaceModelVersion);
    }
    const wrongWay = await verifyFace({
      deps: { faceEngine: engine },
      frames: frames(turningHeadSequence('turn_left'), 1),
      challenge: 'turn_right',
      reference,
    });
    expect(wrongWay.failures).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
  });

  it('fails a replayed still photo of the right person (LIVENESS_CHALLENGE_NOT_MET)', async () => {
    const r = await verifyFace({
      deps: { faceEngine: engine },
      frames: frames(STILL_SEQUENCE, 6),
      challenge: 'turn_left',
      reference,
    });
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual(['LIVENESS_CHALLENGE_NOT_MET']);
    expect(r.similarity).toBeGreaterThanOrEqual(FACE_MATCH_THRESHOLD); // it is the right face, just not alive
  });

  it('fails a turning head that is not the reference person (FACE_MISMATCH)', async () => {
    const r = await verifyFace({
      deps: { faceEngine: engine },
      frames: frames(turningHeadSequence('turn_left'), 1),
      challenge: 'turn_left',
      reference: photo('img12.jpg'),
    });
    expect(r.failures).toEqual(['FACE_MISMATCH']);
  });

  it('fails frames with two faces (FACE_SEVERAL)', async () => {
    const r = await verifyFace({
      deps: { faceEngine: engine },
      frames: frames([TURNING_HEAD.frontal, 'couple.jpg', TURNING_HEAD.frontal], 1),
      challenge: 'turn_left',
      reference,
    });
    expect(r.failures).toContain('FACE_SEVERAL');
    expect(r.passed).toBe(false);
  });
});
