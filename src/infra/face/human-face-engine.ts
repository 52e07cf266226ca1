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
 * - The JPEG and WebP decoders (mozjpeg and libwebp in WebAssembly, @jsquash/jpeg and @jsquash/webp)
 *   have their `.wasm` read from their packages and compiled once.
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
import { PNG } from 'pngjs';
import type { Config, FaceResult, Human } from '@vladmandic/human';
import { AppError } from '../../core/errors';
import type { DetectedFace, FaceAnalysis } from '../../core/identity/face-analysis';
import type { FaceEngine } from '../../features/identity/face-engine.port';
import { checkJpegStructure } from './check-jpeg-structure';
import { fuseRelu6Chains, type GraphNode, type WeightSpec } from './fuse-relu6-chains';

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
      const topology = artifacts.modelTopology as { node?: GraphNode[] } | undefined;
      if (!topology?.node) return { ...artifacts, weightSpecs, weightData };
      // The same function in fewer kernels (fuse-relu6-chains.ts): faceres's description of a face
      // costs ~40% less CPU (docs/liveness.md); the other models are left as they are.
      const fused = fuseRelu6Chains({
        nodes: topology.node,
        weightSpecs: weightSpecs as WeightSpec[],
        weightData,
      });
      return {
        ...artifacts,
        modelTopology: { ...topology, node: fused.nodes },
        weightSpecs: fused.weightSpecs,
        weightData: fused.weightData,
      };
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

/** Node's WebAssembly global (the server's TypeScript libs declare no DOM). */
const wasmCompile = (bytes: Uint8Array): Promise<unknown> =>
  (
    globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<unknown> } }
  ).WebAssembly.compile(bytes);

interface DecodedRgba {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * libwebp's decoder (@jsquash/webp, Apache-2.0) compiled to WebAssembly: the .wasm ships in the package
 * and is compiled from disk on first use; nothing is fetched.
 */
let webpDecoder: Promise<(bytes: ArrayBuffer) => Promise<DecodedRgba>> | undefined;
function loadWebpDecoder() {
  webpDecoder ??= (async () => {
    const decodeJs = require.resolve('@jsquash/webp/decode.js');
    const wasm = await wasmCompile(await readFile(join(dirname(decodeJs), 'codec/dec/webp_dec.wasm')));
    const mod = (await import(pathToFileURL(decodeJs).href)) as {
      init(module: unknown): Promise<void>;
      default(bytes: ArrayBuffer): Promise<DecodedRgba>;
    };
    await mod.init(wasm);
    return mod.default;
  })();
  webpDecoder.catch(() => {
    webpDecoder = undefined;
  });
  return webpDecoder;
}

/**
 * mozjpeg's decoder (libjpeg-turbo API; @jsquash/jpeg, Apache-2.0, the same Squoosh build family as
 * the WebP one) compiled to WebAssembly. Its .wasm is compiled from disk once; nothing is fetched.
 *
 * Used through the Emscripten module itself rather than the package's async `decode`, so that one
 * decode is one synchronous call and the library's messages (printed to stderr through `printErr`)
 * can be attributed to it: libjpeg only *warns* about damaged entropy data ("Corrupt JPEG data: …",
 * "Premature end of JPEG file") and fills the rest of the picture with grey, so such a warning is
 * treated as a refusal here. A fatal libjpeg error ends the call with Emscripten's `exit(1)` thrown as
 * an exception, which leaves libjpeg's allocations in the module's memory: the instance is then
 * dropped and the next decode starts a fresh one from the compiled module (cheap).
 */
interface MozjpegModule {
  decode(data: Uint8Array, preserveOrientation: boolean): DecodedRgba | null;
}
let mozjpegWasm: Promise<unknown> | undefined;
let mozjpeg: Promise<MozjpegModule> | undefined;
/** What the current decode made libjpeg print (warnings and errors). */
let mozjpegMessages: string[] = [];
function loadMozjpeg(): Promise<MozjpegModule> {
  mozjpeg ??= (async () => {
    const codecJs = join(
      dirname(require.resolve('@jsquash/jpeg/decode.js')),
      'codec',
      'dec',
      'mozjpeg_dec.js',
    );
    mozjpegWasm ??= readFile(codecJs.replace(/\.js$/, '.wasm')).then(wasmCompile);
    const wasm = await mozjpegWasm;
    const factory = (
      (await import(pathToFileURL(codecJs).href)) as {
        default: (options: Record<string, unknown>) => Promise<MozjpegModule>;
      }
    ).default;
    const WA = (
      globalThis as unknown as { WebAssembly: { Instance: new (m: unknown, i: unknown) => unknown } }
    ).WebAssembly;
    return factory({
      noInitialRun: true,
      instantiateWasm: (imports: unknown, done: (instance: unknown) => void) => {
        const instance = new WA.Instance(wasm, imports) as { exports: unknown };
        done(instance);
        return instance.exports;
      },
      print: (m: string) => mozjpegMessages.push(m),
      printErr: (m: string) => mozjpegMessages.push(m),
    });
  })();
  mozjpeg.catch(() => {
    mozjpeg = undefined;
    mozjpegWasm = undefined;
  });
  return mozjpeg;
}

/** libjpeg's warnings that mean the entropy-coded data is damaged or missing (jerror.h). */
const damagedJpeg = /corrupt jpeg data|premature end/i;

async function decodeJpeg(bytes: Uint8Array): Promise<DecodedRgba> {
  const mod = await loadMozjpeg();
  mozjpegMessages = [];
  let img: DecodedRgba | null;
  let said: string[];
  try {
    // Synchronous: every message printed meanwhile is this image's. EXIF orientation is not applied
    // (as before with jpeg-js): the picture is used as stored, at the size its header states.
    img = mod.decode(bytes, false);
    said = mozjpegMessages;
  } catch (e) {
    mozjpeg = undefined; // see above: a clean instance for the next image
    throw new Error(mozjpegMessages.join('; ') || (e as Error).message || String(e), { cause: e });
  } finally {
    mozjpegMessages = [];
  }
  const damage = said.find((m) => damagedJpeg.test(m));
  if (damage) throw invalid(`The JPEG's image data is damaged: ${damage}`);
  if (!img) throw new Error('mozjpeg returned no image');
  return img;
}

const isWebp = (b: Uint8Array) =>
  b.length > 12 &&
  Buffer.from(b.buffer, b.byteOffset, 4).toString('latin1') === 'RIFF' &&
  Buffer.from(b.buffer, b.byteOffset + 8, 4).toString('latin1') === 'WEBP';

/**
 * Decodes JPEG (mozjpeg), PNG (pngjs) or WebP (libwebp) bytes, recognised by their content, not their
 * name, to packed RGB.
 * Anything else, or a broken file, is FACE_IMAGE_INVALID.
 */
export async function decodeImage(bytes: Uint8Array): Promise<Rgb> {
  const isJpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const isPng =
    bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  let data: Uint8Array;
  let width: number;
  let height: number;
  try {
    if (isJpeg) {
      // The structure is checked first (segments, frame size, scans, EOI, no cut), so the decoder,
      // which tolerates damage and has no size limit of its own, is never handed a truncated, oversized
      // or malformed file; what it still only warns about (damaged scan data) is refused in decodeJpeg.
      const structure = checkJpegStructure(bytes, { maxPixels: maxMegapixels * 1e6 });
      if (!structure.ok) throw invalid(`The JPEG is malformed: ${structure.reason}`);
      // libjpeg converts CMYK/YCCK to no RGB form; cameras and ID photos are never CMYK.
      if (structure.components === 4) throw invalid('The JPEG is CMYK, not a photograph in RGB or grey');
      const img = await decodeJpeg(bytes);
      if (img.width !== structure.width || img.height !== structure.height)
        throw invalid('The decoded JPEG does not have the size its header states');
      ({ width, height } = img);
      data = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    } else if (isPng) {
      const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      if (img.width * img.height > maxMegapixels * 1e6) throw new Error('image too large');
      ({ data, width, height } = img);
    } else if (isWebp(bytes)) {
      const decode = await loadWebpDecoder();
      // A copy of exactly these bytes (`bytes` may be a view into a larger buffer, a Node Buffer's pool).
      const img = await decode(new Uint8Array(bytes).buffer);
      if (img.width * img.height > maxMegapixels * 1e6) throw new Error('image too large');
      ({ width, height } = img);
      data = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
    } else {
      throw invalid('The image is neither JPEG, PNG nor WebP');
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw invalid(`The image cannot be decoded: ${(e as Error).message}`);
  }
  // Every decoder gives RGBA; the models take RGB.
  if (!width || !height || data.length < width * height * 4) throw invalid('The image has no pixels');
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

/**
 * A passive score (`antispoof` or `liveness`) of a face crop, computed as Human's own `predict` does
 * (resize to the model's input, run, first value rounded to 2 decimals; Human reports a score of 0 as
 * absent, and so do we). Undefined when the model is not loaded.
 */
async function scoreCrop(
  human: Human,
  name: 'antispoof' | 'liveness',
  crop: Tensor,
): Promise<number | undefined> {
  const tf = human.tf as unknown as Tf;
  const model = (human.models as unknown as { models: Record<string, GraphModel | null> }).models[name];
  const shape = model?.inputs[0]?.shape;
  if (!model || !shape) return undefined;
  const output = tf.tidy(() => {
    const out = model.execute(tf.image.resizeBilinear(tf.expandDims(crop, 0), [shape[2]!, shape[1]!], false));
    return Array.isArray(out) ? out[0]! : out;
  });
  try {
    const score = Math.round(100 * ((await output.data())[0] ?? 0)) / 100;
    return score || undefined;
  } finally {
    output.dispose();
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
 * `analyse(image, { describe: false })` skips the description model (the costliest step) and the
 * passive anti-spoofing and liveness scores (recorded, deciding nothing), and keeps the face crops; a
 * later `analyse` of the same bytes with `describe: true` then runs only those three models on them,
 * giving what one full analysis gives. Fully described analyses are cached
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
        // Without description, the passive scores are skipped too: they decide nothing
        // (docs/liveness.md), so they are computed, from the kept crop, only for the frames that are
        // described next (the deciding ones): ~8 ms of CPU less per other frame.
        const config = {
          face: {
            description: { enabled: describe },
            antispoof: { enabled: describe },
            liveness: { enabled: describe },
          },
        } as Partial<Config>;
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
      const faces: FaceResult[] = [];
      for (const [i, crop] of u.crops.entries()) {
        embeddings.push(crop ? await describeCrop(human, crop) : undefined);
        const real = crop ? await scoreCrop(human, 'antispoof', crop) : undefined;
        const live = crop ? await scoreCrop(human, 'liveness', crop) : undefined;
        faces.push({ ...u.faces[i]!, ...(real ? { real } : {}), ...(live ? { live } : {}) });
      }
      const analysis = toAnalysis({ ...u, faces }, embeddings);
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
