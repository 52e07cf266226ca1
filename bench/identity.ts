/**
 * bench/identity — what proving identity costs on this machine:
 *
 * 1. face verification per selfie: `verifyFace` (decode, detection, mesh/pose, anti-spoofing and
 *    liveness scores, embedding of the frames that decide, judgement) over a realistic check — the
 *    reference photo plus `--frames` 640×480 camera frames of a person turning their head — for a
 *    first attempt (reference not seen before) and a retry (same reference, new frames); and per
 *    single 640×480 frame, fully analysed and without description; median and p90 (target: median
 *    ≤ 300 ms per selfie check). Every image sent is distinct bytes (a JPEG comment carries a
 *    counter; the pixels are the same), as a camera's frames are, so no cached result applies except
 *    the retry's reference.
 * 2. login throughput: Argon2id verifies per second with the parameters logins use
 *    (src/infra/accounts/argon2-password-hasher.ts), sequentially and 4 at a time.
 *
 *   npm run bench:identity -- [--runs 10] [--frames 8] [--argon-seconds 3 (0: skip)]
 *
 * The face photos are the shared test set (MIANQIAN_FACES_DIR, else /work/shared/data/faces, else
 * ../shared/data/faces); they are read, never copied.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hash, verify } from '@node-rs/argon2';
import { verifyFace } from '../src/features/identity/verify-face';
import { argon2Parameters } from '../src/infra/accounts/argon2-password-hasher';
import { createHumanFaceEngine } from '../src/infra/face/human-face-engine';
import { cameraFrame, turningHeadSequence, TURNING_HEAD } from '../tests/e2e/support/fake-camera-video';
import { facesDir } from '../tests/support/faces-dir';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10' },
    frames: { type: 'string', default: '8' },
    'argon-seconds': { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const frameCount = Number(values.frames);
const argonSeconds = Number(values['argon-seconds']);

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
}
const ms = (x: number) => `${x.toFixed(0)} ms`;

let serial = 0;
/** The same JPEG with a comment segment holding a counter: new bytes, the same pixels. */
function fresh(jpegBytes: Uint8Array): Uint8Array {
  const body = new TextEncoder().encode(`bench ${serial++}`);
  const segment = new Uint8Array([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body]);
  return new Uint8Array([...jpegBytes.subarray(0, 2), ...segment, ...jpegBytes.subarray(2)]);
}
const stats = (xs: readonly number[]) => `median ${ms(quantile(xs, 0.5))}, p90 ${ms(quantile(xs, 0.9))}`;

async function benchFaces(): Promise<void> {
  const dir = facesDir();
  const photo = (name: string) => readFileSync(join(dir, name));
  const engine = createHumanFaceEngine();
  // The reference as the authority would hold it: a small ID-style photo (camera-frame sized).
  const reference = cameraFrame({ image: photo(TURNING_HEAD.reference), width: 480, height: 640 });
  const sequence = turningHeadSequence('turn_left').map(({ name, mirror }) =>
    cameraFrame({ image: photo(name), mirror: mirror ?? false }),
  );
  const frames = Array.from({ length: frameCount }, (_, i) => {
    // frontal for the first third, turned for the middle, frontal again at the end
    const phase = Math.min(sequence.length - 1, Math.floor((i * sequence.length) / frameCount));
    return sequence[phase]!;
  });

  let t = performance.now();
  await engine.warmUp();
  const warm = performance.now() - t;
  t = performance.now();
  await engine.analyse(fresh(frames[0]!));
  console.log(
    `face engine: ${engine.modelVersion}; warmUp ${ms(warm)}, then first frame ${ms(performance.now() - t)}`,
  );

  for (const [label, describe] of [
    ['fully analysed', true],
    ['without description', false],
  ] as const) {
    const single: number[] = [];
    for (let i = 0; i < runs * 3; i++) {
      const image = fresh(frames[i % frames.length]!);
      t = performance.now();
      await engine.analyse(image, { describe });
      single.push(performance.now() - t);
    }
    console.log(`per 640×480 frame, ${label} (${single.length} runs): ${stats(single)}`);
  }

  for (const attempt of ['first attempt', 'retry (reference cached)'] as const) {
    const checks: number[] = [];
    const retryReference = fresh(reference);
    for (let i = 0; i < runs; i++) {
      const input = {
        frames: frames.map(fresh),
        reference: attempt === 'first attempt' ? fresh(reference) : retryReference,
      };
      if (attempt !== 'first attempt' && i === 0) await engine.analyse(retryReference);
      t = performance.now();
      const r = await verifyFace({ deps: { faceEngine: engine }, challenge: 'turn_left', ...input });
      checks.push(performance.now() - t);
      if (!r.passed) throw new Error(`the benchmark's selfie check failed: ${r.failures.join(', ')}`);
    }
    const median = quantile(checks, 0.5);
    console.log(
      `per selfie check, ${attempt} (reference + ${frameCount} frames, ${runs} runs): ${stats(checks)}` +
        ` — target median ≤ 300 ms: ${median <= 300 ? 'met' : 'NOT met'}`,
    );
  }
}

async function benchArgon2(): Promise<void> {
  const password = 'correct horse battery staple 42';
  const encoded = await hash(password, argon2Parameters);
  await verify(encoded, password);
  const p = argon2Parameters;
  console.log(`argon2id m=${p.memoryCost} KiB, t=${p.timeCost}, p=${p.parallelism}`);
  for (const parallel of [1, 4]) {
    let done = 0;
    const started = performance.now();
    const end = started + argonSeconds * 1000;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (performance.now() < end) {
          if (!(await verify(encoded, password))) throw new Error('argon2 verify failed');
          done++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  ${parallel === 1 ? 'sequential' : `${parallel} in parallel`}: ${(done / seconds).toFixed(0)} verifies/s ` +
        `(${((seconds * 1000 * parallel) / done).toFixed(1)} ms each)`,
    );
  }
}

const noArgon = argonSeconds <= 0;
console.log(
  `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()[0]!.toFixed(2)}`,
);
await benchFaces();
if (!noArgon) await benchArgon2();
console.log(`load average after: ${loadavg()[0]!.toFixed(2)}`);
