import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors';
import type { FaceAnalysis } from '../core/identity/face-analysis';
import type { FaceEngine } from '../features/identity/face-engine.port';
import { evaluateFacePairs, parsePairsCsv } from './face-eval-command';

const dir = mkdtempSync(join(tmpdir(), 'face-eval-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A port fake: the image file's text is "person,jitter", or "bad" for unreadable bytes. */
const engine: FaceEngine = {
  modelVersion: 'scripted',
  async analyse(image: Uint8Array): Promise<FaceAnalysis> {
    const text = new TextDecoder().decode(image);
    if (text === 'bad') throw new AppError('FACE_IMAGE_INVALID');
    const [person, jitter] = text.split(',').map(Number);
    const e = new Float32Array(4);
    e[person!] = 1;
    e[3] = jitter!;
    const n = Math.hypot(...e);
    const face = { score: 1, box: { x: 0, y: 0, width: 10, height: 10 }, embedding: e.map((x) => x / n) };
    return { faces: [{ ...face, pose: { yaw: 0, pitch: 0, roll: 0 } }], width: 10, height: 10 };
  },
};

describe('identity face-eval', () => {
  it('reads the pivot CSV by column name, keeping only file names', () => {
    const pairs = parsePairsCsv(
      'file_x,file_y,decision,VGG-Face_cosine\r\ndeepface/tests/dataset/a.jpg,deepface/tests/dataset/b.jpg,Yes,0.2\nc.jpg,d.jpg,No,0.9\n',
    );
    expect(pairs).toEqual([
      { x: 'a.jpg', y: 'b.jpg', isSame: true },
      { x: 'c.jpg', y: 'd.jpg', isSame: false },
    ]);
    expect(() => parsePairsCsv('a,b,c\nx,y,Yes\n')).toThrow(/file_x/);
    expect(() => parsePairsCsv('file_x,file_y,decision\nx,y,maybe\n')).toThrow(/Yes or No/);
  });

  it('embeds each image once, counts unreadable images as non-matches, and picks the threshold', async () => {
    const files: Record<string, string> = { a1: '0,0.2', a2: '0,0.5', b1: '1,0.2', c1: '2,0.9', bad: 'bad' };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, `${name}.jpg`), text);
    let calls = 0;
    const counting: FaceEngine = { ...engine, analyse: (img) => (calls++, engine.analyse(img)) };
    const pairs = [
      { x: 'a1.jpg', y: 'a2.jpg', isSame: true },
      { x: 'a1.jpg', y: 'bad.jpg', isSame: true },
      { x: 'a1.jpg', y: 'b1.jpg', isSame: false },
      { x: 'b1.jpg', y: 'c1.jpg', isSame: false },
    ];
    const r = await evaluateFacePairs({ engine: counting, pairs, imagesDir: dir });
    expect(calls).toBe(5);
    expect(r.scored[1]!.similarity).toBe(-1);
    expect(r).toMatchObject({ n: 4, accuracy: 0.75, far: 0, frr: 0.5 });
    expect(r.threshold).toBeCloseTo(r.scored[0]!.similarity);
  });
});
