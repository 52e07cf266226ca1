/**
 * The face engine on @vladmandic/human (BlazeFace detector, FaceMesh, FaceRes description,
 * anti-spoofing and liveness models) running on the TensorFlow.js WebAssembly backend.
 *
 * Everything comes from node_modules; nothing is fetched at run time:
 * - Human's Node build for WASM is imported by file path, because the package's `exports` map spells
 *   its keys without `./` and Node refuses them.
 * - The backend's `.wasm` files are read from @tensorflow/tfjs-backend-wasm/dist/ (the default points at
 *   a CDN).
 * - Models are read from @vladmandic/human/models through a tfjs load router for our `file://` URLs,
 *   so no global `fetch` is patched (Node 20's fetch does not do `file://`).
 *
 * The models load on the first `analyse` call, once per process, or earlier with `warmUp()` (call it
 * at server start without awaiting it); concurrent first calls share that load, and tests that never
 * look at a face pay nothing. Inference runs one image at a time (the WASM backend is single-threaded
 * here, so queueing costs no throughput and keeps Human's per-instance state safe).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { AppError } from '../../core/errors';
import type { DetectedFace, FaceAnalysis } from '../../core/identity/face-analysis';
import type { FaceEngine } from '../../features/identity/face-engine.port';

/** Stored with every result, so a decision can be traced to the models that made it. */
export const humanFaceModelVersion = 'human-3.3.6/blazeface+facemesh+faceres+antispoof+liveness';

/** Largest image we decode (megapixels); a phone photo is 12–50 MP, a selfie frame under 1. */
const maxMegapixels = 40;
/** Faces reported per image at most: enough to say "several", bounded so a crowd costs little. */
const maxFaces = 5;

const require = createRequire(import.meta.url);
const humanDir = join(dirname(require.resolve('@vladmandic/human')), '..');
const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
const modelsUrl = pathToFileURL(join(humanDir, 'models')).href + '/';

function humanConfig(): Partial<Config> {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    wasmPath: pathToFileURL(wasmDir).pathname + '/',
    modelBasePath: modelsUrl,
    cacheModels: false,
    debug: false,
    // Each image is judged on its own: no result reuse between similar inputs.
    cacheSensitivity: 0,
    skipAllowed: false,
    deallocate: false,
    warmup: 'none',
    filter: { enabled: false },
    gesture: off,
    body: off,
    hand: off,
    object: off,
    segmentation: off,
    face: {
      enabled: true,
      // Measured with `mianqian identity face-eval` on the shared pairs (docs/liveness.md): without
      // rotation correction and with the face box not enlarged (scale 1.0, Human's default is 1.4) the
      // description model separates people best — 96.4% accuracy at FAR ≤ 1% against 88.9% with
      // Human's defaults (98.6% once WebP images are decoded too).
      detector: {
        rotation: false,
        scale: 1.0,
        maxDetected: maxFaces,
        minConfidence: 0.5,
        skipFrames: 0,
        skipTime: 0,
        // The face crop is returned, so a frame analysed without its description can be described
        // later from the same crop (describeCrop), without detecting it again.
        return: true,
      },
      mesh: { enabled: true },
      // Iris refinement is off: nothing here uses it, and it costs ~20% of the time per face.
      iris: off,
      attention: off,
      emotion: off,
      description: { enabled: true, skipFrames: 0, skipTime: 0 },
      antispoof: { enabled: true, skipFrames: 0, skipTime: 0 },
      liveness: { enabled: true, skipFrames: 0, skipTime: 0 },
    },
  } as Partial<Config>;
}

/**
 * A tfjs IO handler reading a graph model (model.json + weight shards) from our models folder. Every
 * model.json field except the manifest passes through (the graph's `signature` names its inputs and
 * outputs).
 */
function diskModelHandler(url: string): { load: () => Promise<Record<string, unknown>> } {
  return {
    load: async () => {
      const jsonPath = fileURLToPath(url);
      const { weightsManifest, ...artifacts } = JSON.parse(await readFile(jsonPath, 'utf8')) as {
        weightsManifest: { paths: string[]; weights: unknown[] }[];
      } & Record<string, unknown>;
      const weightSpecs: unknown[] = [];
      const shards: Buffer[] = [];
      for (const group of weightsManifest) {
        weightSpecs.push(...group.weights);
        for (const p of group.paths) shards.push(await readFile(join(dirname(jsonPath), p)));
      }
      const all = Buffer.concat(shards);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
      return { ...artifacts, weightSpecs, weightData };
    },
  };
}

let loading: Promise<Human> | undefined;

/** Loads Human and its models once per process; concurrent callers share the one load. */
function loadHuman(): Promise<Human> {
  loading ??= (async () => {
    const mod = (await import(pathToFileURL(join(humanDir, 'dist', 'human.node-wasm.js')).href)) as {
      Human?: new (config: Partial<Config>) => Human;
      default?: { Human: new (config: Partial<Config>) => Human };
    };
    const HumanClass = mod.Human ?? mod.default?.Human;
    if (!HumanClass) throw new Error('@vladmandic/human: Human class not found in human.node-wasm.js');
    const human = new HumanClass(humanConfig());
    const tf = human.tf as {
      io: { registerLoadRouter: (r: (url: string | string[]) => unknown) => void };
    };
    tf.io.registerLoadRouter((url) =>
      typeof url === 'string' && url.startsWith(modelsUrl) ? diskModelHandler(url) : null,
    );
    await human.init();
    await human.load();
    return human;
  })();
  loading.catch(() => {
    loading = undefined; // let a later call retry after, say, a transient file error
  });
  return loading;
}

interface Rgb {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

function invalid(message: string): AppError {
  return new AppError('FACE_IMAGE_INVALID', message);
}

/**
 * libwebp's decoder (@jsquash/webp, Apache-2.0) compiled to WebAssembly: the .wasm ships in the package
 * and is compiled from disk on first use; nothing is fetched.
 */
/** Node's WebAssembly global (the server's TypeScript libs declare no DOM). */
const wasmCompile = (bytes: Uint8Array): Promise<unknown> =>
  (
    globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<unknown> } }
  ).WebAssembly.compile(bytes);
let webpDecoder:
  | Promise<(bytes: ArrayBuffer) => Promise<{ data: Uint8ClampedArray; width: number; height: number }>>
  | undefined;
function loadWebpDecoder() {
  webpDecoder ??= (async () => {
    const require = createRequire(import.meta.url);
    const decodeJs = require.resolve('@jsquash/webp/decode.js');
    const wasm = await wasmCompile(await readFile(join(dirname(decodeJs), 'codec/dec/webp_dec.wasm')));
    const mod = (await import(pathToFileURL(decodeJs).href)) as {
      init(module: unknown): Promise<void>;
      default(bytes: ArrayBuffer): Promise<{ data: Uint8ClampedArray; width: number; height: number }>;
    };
    await mod.init(wasm);
    return mod.default;
  })();
  return webpDecoder;
}

const isWebp = (b: Uint8Array) =>
  b.length > 12 &&
  Buffer.from(b.buffer, b.byteOffset, 4).toString('latin1') === 'RIFF' &&
  Buffer.from(b.buffer, b.byteOffset + 8, 4).toString('latin1') === 'WEBP';

/**
 * Decodes JPEG, PNG or WebP bytes (recognised by their content, not their name) to packed RGB.
 * Anything else, or a broken file, is FACE_IMAGE_INVALID.
 */
export async function decodeImage(bytes: Uint8Array): Promise<Rgb> {
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng =
    bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  let data: Uint8Array;
  let width: number;
  let height: number;
  let channels: number;
  try {
    if (isJpeg) {
      // jpeg-js writes RGB itself when asked: no RGBA buffer and no copy loop.
      const img = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: false,
        maxResolutionInMP: maxMegapixels,
        maxMemoryUsageInMB: 1024,
      });
      ({ data, width, height } = img);
      channels = 3;
    } else if (isPng) {
      const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (img.width * img.height > maxMegapixels * 1e6) throw new Error('image too large');
      ({ data, width, height } = img);
      channels = 4;
    } else if (isWebp(bytes)) {
      const decode = await loadWebpDecoder();
      const img = await decode(bytes.slice().buffer);
      if (img.width * img.height > maxMegapixels * 1e6) throw new Error('image too large');
      ({ width, height } = img);
      data = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
      channels = 4;
    } else {
      throw invalid('The image is neither JPEG, PNG nor WebP');
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid(`The image cannot be decoded: ${(e as Error).message}`);
  }
  if (!width || !height || data.length < width * height * channels) throw invalid('The image has no pixels');
  if (channels === 3) return { data: data.subarray(0, width * height * 3), width, height };
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0, j = 0; j < rgb.length; i += 4, j += 3) {
    rgb[j] = data[i]!;
    rgb[j + 1] = data[i + 1]!;
    rgb[j + 2] = data[i + 2]!;
  }
  return { data: rgb, width, height };
}

const radToDeg = 180 / Math.PI;

function unit(v: readonly number[]): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(v, (x) => x / norm);
}

/**
 * Eye openness from the mesh: the eyelid gap over the eye's width (eye aspect ratio), averaged over
 * both eyes and scaled so that 0.3 (a relaxed open eye) reads 1; a closed eye reads near 0. The
 * `…Lower0` contour runs from corner to corner (its ends give the width); the middles of `…Upper0`
 * and `…Lower0` are the lid centres.
 */
function eyesOpen(face: FaceResult): number | undefined {
  type Pt = readonly number[];
  const a = face.annotations as Partial<Record<string, Pt[]>>;
  const ratio = (upper?: Pt[], lower?: Pt[]) => {
    if (!upper || !lower || upper.length < 3 || lower.length < 3) return undefined;
    const [c0, c1] = [lower[0]!, lower[lower.length - 1]!];
    const width = Math.hypot(c0[0]! - c1[0]!, c0[1]! - c1[1]!);
    const [top, bottom] = [upper[upper.length >> 1]!, lower[lower.length >> 1]!];
    const gap = Math.hypot(top[0]! - bottom[0]!, top[1]! - bottom[1]!);
    return width > 0 ? gap / width : undefined;
  };
  const left = ratio(a.leftEyeUpper0, a.leftEyeLower0);
  const right = ratio(a.rightEyeUpper0, a.rightEyeLower0);
  if (left === undefined || right === undefined) return undefined;
  return Math.max(0, Math.min(1, (left + right) / 2 / 0.3));
}

/**
 * Human's FaceResult → our DetectedFace. Human reports the head pose in radians, estimated from the
 * mesh; we give degrees. Yaw is positive when the person turns to their own left (in the un-mirrored
 * camera image their nose points to the right of the picture): Human's own sign is the opposite,
 * checked on a portrait whose subject is visibly turned to his right (img61.jpg of the shared set reads
 * −10.8° here on a 640×480 frame, its mirror image +9.9°) and on mirrored images (the sign flips).
 * Pitch and roll keep Human's signs, in degrees; nothing here depends on them.
 */
function toDetectedFace(face: FaceResult, embedding: readonly number[] | undefined): DetectedFace {
  const [x, y, width, height] = face.box;
  const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
  return {
    score: face.score,
    box: { x, y, width, height },
    ...(embedding ? { embedding: unit(embedding) } : {}),
    pose: { yaw: -angle.yaw * radToDeg, pitch: angle.pitch * radToDeg, roll: angle.roll * radToDeg },
    eyesOpen: eyesOpen(face),
    antispoof: face.real,
    liveness: face.live,
  };
}

/** The tfjs calls used here, typed as far as we use them. */
interface Tensor {
  dispose(): void;
  data(): Promise<Float32Array>;
  readonly shape: number[];
}
interface Tf {
  tensor(v: Uint8Array, shape: number[], dtype: string): Tensor;
  tidy<T>(fn: () => T): T;
  expandDims(t: Tensor, axis: number): Tensor;
  mul(t: Tensor, s: number): Tensor;
  image: { resizeBilinear(t: Tensor, size: [number, number], alignCorners: boolean): Tensor };
}
interface GraphModel {
  inputs: { shape?: number[] }[];
  execute(t: Tensor): Tensor | Tensor[];
}

/**
 * The description (1024-value descriptor) of a face crop as Human's detector returned it, computed
 * exactly as Human's own `faceres.predict` does (resize to the model's input, scale to 0..255, run,
 * take the 1024-wide output), so an embedding made later from a kept crop equals the one Human would
 * have made in the same `detect` call. Checked by a test. Undefined when the model gives none.
 */
async function describeCrop(human: Human, crop: Tensor): Promise<number[] | undefined> {
  const tf = human.tf as unknown as Tf;
  const model = (human.models as unknown as { models: Record<string, GraphModel | null> }).models.faceres;
  const shape = model?.inputs[0]?.shape;
  if (!model || !shape) return undefined;
  const outputs = tf.tidy(() => {
    const resized = tf.image.resizeBilinear(tf.expandDims(crop, 0), [shape[2]!, shape[1]!], false);
    const out = model.execute(tf.mul(resized, 255));
    return Array.isArray(out) ? out : [out];
  });
  try {
    const descriptor = outputs.find((t) => t.shape[1] === 1024);
    const values = descriptor ? Array.from(await descriptor.data()) : [];
    return values.length > 0 ? values : undefined;
  } finally {
    for (const t of outputs) t.dispose();
  }
}

/** Images whose full analysis (with embeddings) is kept, by SHA-256: a retry's reference photo. */
const describedCacheSize = 64;
/**
 * Images analysed without description whose face crops are kept (by SHA-256) so that describing one
 * of them next costs only the description model: enough for two concurrent selfie checks of 16
 * frames. Each crop is a few hundred KB of WASM memory; the oldest are freed first.
 */
const undescribedCacheSize = 32;

interface Undescribed {
  readonly faces: readonly FaceResult[];
  readonly crops: readonly (Tensor | undefined)[];
  readonly width: number;
  readonly height: number;
}

/**
 * The face engine on Human + tfjs WASM. Models load on first use, or earlier with `warmUp()`.
 *
 * `analyse(image, { describe: false })` skips the description model (the costliest step: about half
 * the time per frame) and keeps the face crops; a later `analyse` of the same bytes with
 * `describe: true` then runs only the description model on them. Fully described analyses are cached
 * by the image's SHA-256 (bounded), so the authority's photo is not analysed again on a retry. Images
 * are judged on their own: the same bytes always give the same result, so the caches change no
 * outcome.
 */
export function createHumanFaceEngine(): FaceEngine & {
  /** Loads the models now (at server start, in the background); resolves when they are ready. */
  warmUp(): Promise<void>;
} {
  let queue: Promise<unknown> = Promise.resolve();
  const described = new Map<string, FaceAnalysis>();
  const undescribed = new Map<string, Undescribed>();

  const remember = <V>(map: Map<string, V>, key: string, value: V, size: number, drop?: (v: V) => void) => {
    map.delete(key);
    map.set(key, value);
    while (map.size > size) {
      const [oldest, v] = map.entries().next().value as [string, V];
      map.delete(oldest);
      drop?.(v);
    }
  };
  const dropCrops = (u: Undescribed) => {
    for (const c of u.crops) c?.dispose();
  };

  const toAnalysis = (
    u: { faces: readonly FaceResult[]; width: number; height: number },
    embeddings?: readonly (readonly number[] | undefined)[],
  ): FaceAnalysis => {
    const faces: DetectedFace[] = [];
    u.faces.forEach((face, i) => {
      const embedding = embeddings?.[i];
      // A described analysis reports only faces the description model could describe.
      if (embeddings && !embedding) return;
      faces.push(toDetectedFace(face, embedding));
    });
    return { faces, width: u.width, height: u.height };
  };

  const analyseOne = async (image: Uint8Array, describe: boolean): Promise<FaceAnalysis> => {
    const key = createHash('sha256').update(image).digest('hex');
    const cached = described.get(key);
    if (cached) return cached;
    const human = await loadHuman();
    let u = undescribed.get(key);
    if (!u) {
      const rgb = await decodeImage(image);
      const tf = human.tf as unknown as Tf;
      const input = tf.tensor(rgb.data, [1, rgb.height, rgb.width, 3], 'int32');
      try {
        const config = { face: { description: { enabled: describe } } } as Partial<Config>;
        const result = await human.detect(input as never, config);
        const crops = result.face.map((f) => f.tensor as unknown as Tensor | undefined);
        const faces = result.face.map(({ tensor: _, ...rest }) => rest as FaceResult);
        if (describe) {
          for (const c of crops) c?.dispose();
          const analysis = toAnalysis(
            { faces, width: rgb.width, height: rgb.height },
            faces.map((f) => (f.embedding && f.embedding.length > 0 ? f.embedding : undefined)),
          );
          remember(described, key, analysis, describedCacheSize);
          return analysis;
        }
        u = { faces, crops, width: rgb.width, height: rgb.height };
        remember(undescribed, key, u, undescribedCacheSize, dropCrops);
      } finally {
        input.dispose();
      }
    }
    if (!describe) return toAnalysis(u);
    undescribed.delete(key);
    try {
      const embeddings: (number[] | undefined)[] = [];
      for (const crop of u.crops) embeddings.push(crop ? await describeCrop(human, crop) : undefined);
      const analysis = toAnalysis(u, embeddings);
      remember(described, key, analysis, describedCacheSize);
      return analysis;
    } finally {
      dropCrops(u);
    }
  };

  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    modelVersion: humanFaceModelVersion,
    analyse(image, { describe = true } = {}) {
      return enqueue(() => analyseOne(image, describe));
    },
    async warmUp() {
      await loadHuman();
      // The first inference of each model costs as much again as loading it (WASM kernels set up,
      // buffers grown): run one on a face picture the package ships, so no borrower pays it.
      const sample = await readFile(join(humanDir, 'assets', 'screenshot-faceid.jpg')).catch(() => undefined);
      if (sample) await enqueue(() => analyseOne(sample, true)).catch(() => undefined);
    },
  };
}
