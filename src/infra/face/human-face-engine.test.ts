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
import { createHumanFaceEngine, decodeImage, humanFaceModelVersion } from './human-face-engine';
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
    expect(bare.faces[0]!.antispoof).toBeUndefined(); // the passive scores come with the description
    expect(bare.faces[0]!.liveness).toBeUndefined();
    // Described later from the kept crop (only the description model runs) …
    const later = await engine.analyse(withComment(frame, 'a'));
    // … and in one go, on other bytes with the same pixels.
    const full = await engine.analyse(withComment(frame, 'b'));
    expect(later.faces[0]!.pose).toEqual(bare.faces[0]!.pose);
    expect(later.faces[0]!.box).toEqual(full.faces[0]!.box);
    expect(cosineSimilarity(later.faces[0]!.embedding!, full.faces[0]!.embedding!)).toBeGreaterThan(0.9999);
    expect(later.faces[0]!.antispoof).toBe(full.faces[0]!.antispoof);
    expect(later.faces[0]!.liveness).toBe(full.faces[0]!.liveness);
    expect(later.faces[0]!.antispoof).toBeGreaterThan(0);
    // A described analysis is kept: asking again (a retry's reference photo) gives the same result.
    expect(await engine.analyse(withComment(frame, 'b'))).toBe(full);
  });

  it('warms up without an image', async () => {
    await expect(createHumanFaceEngine().warmUp()).resolves.toBeUndefined();
  });

  it('reads a WebP by its content (img47.jpg is a WebP named .jpg)', async () => {
    expect((await engine.analyse(photo('img47.jpg'))).faces).toHaveLength(1);
  });

  it('refuses bytes that are not a whole JPEG, PNG or WebP with FACE_IMAGE_INVALID', async () => {
    const webp = photo('img47.jpg');
    const attempts = [
      new TextEncoder().encode('not an image at all'),
      photo('img1.jpg').subarray(0, 2_000), // a truncated JPEG
      photo('img1.jpg').subarray(0, photo('img1.jpg').length - 100), // cut inside the last scan
      Buffer.concat([photo('img1.jpg'), Buffer.from('trailing')]), // bytes after the end marker
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

describe('decodeImage (JPEG through mozjpeg, after the structure check)', () => {
  const frame = cameraFrame({ image: photo(TURNING_HEAD.frontal) });
  const refusal = (bytes: Uint8Array) =>
    decodeImage(bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
  /** Where the first scan's entropy-coded data starts (after the SOS header) and ends (before EOI). */
  const scanData = (() => {
    let sos = 2;
    while (!(frame[sos] === 0xff && frame[sos + 1] === 0xda)) sos++;
    return { start: sos + 2 + ((frame[sos + 2]! << 8) | frame[sos + 3]!), end: frame.length - 2 };
  })();

  it('decodes a camera frame at the size its header states', async () => {
    const rgb = await decodeImage(frame);
    expect([rgb.width, rgb.height, rgb.data.length]).toEqual([640, 480, 640 * 480 * 3]);
  });

  it('refuses a JPEG cut anywhere in its scan data, with or without an end marker put back', async () => {
    const { start, end } = scanData;
    expect(end - start).toBeGreaterThan(10_000);
    // Cut and left so: the structure check refuses it (no end marker), at every length.
    for (let cut = start; cut < end + 2; cut++) {
      const error = await refusal(frame.subarray(0, cut));
      expect(isAppError(error, 'FACE_IMAGE_INVALID'), `cut at ${cut}: ${String(error)}`).toBe(true);
    }
    // Cut with an end marker appended: structurally whole, so it reaches mozjpeg, which only warns
    // and greys out the missing part; the warning is a refusal. (Checked at every position once:
    // 28,727 of 28,727 refused; here every 97th and the last 40.)
    const cuts = [];
    for (let cut = start; cut < end; cut += 97) cuts.push(cut);
    for (let cut = end - 40; cut < end; cut++) cuts.push(cut);
    for (const cut of cuts) {
      const error = await refusal(new Uint8Array([...frame.subarray(0, cut), 0xff, 0xd9]));
      expect(isAppError(error, 'FACE_IMAGE_INVALID'), `cut at ${cut} + EOI: ${String(error)}`).toBe(true);
      expect((error as Error).message).toMatch(/damaged|malformed/);
    }
    // The decoder still works afterwards.
    expect((await decodeImage(frame)).width).toBe(640);
  });

  it('refuses a huge declared frame before decoding anything', async () => {
    let sof = 2;
    while (!(frame[sof] === 0xff && frame[sof + 1] === 0xc0)) sof++;
    for (const [width, height] of [
      [65_535, 65_535],
      [8_000, 5_001], // 40.008 MP, just over the 40 MP limit
    ] as const) {
      const huge = frame.slice();
      huge.set([height >> 8, height & 0xff, width >> 8, width & 0xff], sof + 5);
      const started = performance.now();
      const error = await refusal(huge);
      expect(isAppError(error, 'FACE_IMAGE_INVALID'), String(error)).toBe(true);
      // The structure check's reason: the decoder never saw it (nor allocated for it).
      expect((error as Error).message).toContain(`${width}×${height} exceeds`);
      expect(performance.now() - started).toBeLessThan(50);
    }
  });

  it('refuses a frame whose declared size differs from what its data decodes to', async () => {
    // A smaller declared height over the same scan data: libjpeg decodes what the header says and
    // reports the rest as extraneous data, which is refused.
    let sof = 2;
    while (!(frame[sof] === 0xff && frame[sof + 1] === 0xc0)) sof++;
    const shorter = frame.slice();
    shorter.set([0x01, 0x00], sof + 5); // height 256 instead of 480
    const error = await refusal(shorter);
    expect(isAppError(error, 'FACE_IMAGE_INVALID'), String(error)).toBe(true);
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
