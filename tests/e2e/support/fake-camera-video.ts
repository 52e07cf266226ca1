/**
 * A video file for Chromium's fake camera (`--use-fake-device-for-media-stream
 * --use-file-for-fake-video-capture=<file>.mjpeg`): an MJPEG stream, i.e. JPEG frames one after the
 * other, which Chromium plays in a loop at its own fixed rate (30 frames per second for MJPEG).
 *
 * Every image is decoded, scaled to fit the frame (letterboxed on black, aspect ratio kept) and
 * re-encoded in pure JS (jpeg-js), so all frames have one size, as a real camera's do.
 *
 * The face photos are the shared test set (/work/shared/data/faces, see its README): they are read
 * at test time from there and never copied into the repository.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';

/**
 * One person (four photos in the shared set's pivot file) for a head-turn sequence, picked by
 * measuring yaw with the face engine (human-face-engine.ts) on 640×480 camera frames made by
 * `cameraFrame`. The set has no photo turned further than about 11°, and none of this person turned
 * to his left, so the left turn is the right-turned photo mirrored (a mirrored face is still the same
 * face to the matcher: the set itself pairs img11.jpg with its reflection).
 *
 * - `reference`: plays the identity authority's photo;
 * - `frontal`: looking at the camera;
 * - `turned`: head turned to his own right; mirrored, turned to his own left.
 *
 * Measured on 640×480 frames (yaw in degrees, + = his own left; cosine similarity to the frontal
 * frame / to the reference): frontal 0.6° (1 / 0.710), turned −10.8° (0.708 / 0.704), turned mirrored
 * +9.9° (0.704 / 0.709) — against the judge's limits (frontal ≤ 4°, turned ≥ 7°) and match threshold
 * (0.613).
 */
export const TURNING_HEAD = {
  reference: 'img62.jpg',
  frontal: 'img17.jpg',
  turned: 'img61.jpg',
} as const;

/** One image of a fake-camera sequence: a file of the shared set, optionally mirrored. */
export interface SequenceImage {
  readonly name: string;
  readonly mirror?: boolean;
}

/**
 * A head turning the asked way: frontal, turned, frontal again (file names in the shared set; join
 * them with the folder). Played as a looping video, any window of two seconds or more sees a frontal
 * frame followed by a turned one.
 */
export function turningHeadSequence(challenge: 'turn_left' | 'turn_right'): SequenceImage[] {
  const turned = { name: TURNING_HEAD.turned, mirror: challenge === 'turn_left' };
  return [{ name: TURNING_HEAD.frontal }, turned, { name: TURNING_HEAD.frontal }];
}

/** A replayed still photo of the right person: the frontal picture for the whole video (must fail). */
export const STILL_SEQUENCE: readonly SequenceImage[] = [{ name: TURNING_HEAD.frontal }];

/**
 * Pure-JS area-averaging scale of RGBA pixels into a letterboxed outWidth × outHeight frame;
 * `mirror` flips it left–right (what a selfie preview shows).
 */
export function fitInto({
  data,
  width: sw,
  height: sh,
  outWidth,
  outHeight,
  mirror = false,
}: {
  data: Uint8Array;
  width: number;
  height: number;
  outWidth: number;
  outHeight: number;
  mirror?: boolean;
}): Uint8Array {
  const scale = Math.min(outWidth / sw, outHeight / sh);
  const w = Math.max(1, Math.round(sw * scale));
  const h = Math.max(1, Math.round(sh * scale));
  const ox = Math.floor((outWidth - w) / 2);
  const oy = Math.floor((outHeight - h) / 2);
  const out = new Uint8Array(outWidth * outHeight * 4);
  for (let i = 3; i < out.length; i += 4) out[i] = 255; // opaque black
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor((y * sh) / h);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * sh) / h));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor((x * sw) / w);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * sw) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) {
          const s = (yy * sw + xx) * 4;
          r += data[s]!;
          g += data[s + 1]!;
          b += data[s + 2]!;
        }
      const n = (y1 - y0) * (x1 - x0);
      const d = ((oy + y) * outWidth + ox + (mirror ? w - 1 - x : x)) * 4;
      out[d] = r / n;
      out[d + 1] = g / n;
      out[d + 2] = b / n;
    }
  }
  return out;
}

/** Decodes a JPEG and returns it scaled (letterboxed) into a width × height JPEG camera frame. */
export function cameraFrame({
  image,
  width = 640,
  height = 480,
  quality = 85,
  mirror = false,
}: {
  image: Uint8Array;
  mirror?: boolean;
  width?: number;
  height?: number;
  quality?: number;
}): Buffer {
  const src = jpeg.decode(image, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 40 });
  const data = fitInto({
    data: src.data,
    width: src.width,
    height: src.height,
    outWidth: width,
    outHeight: height,
    mirror,
  });
  return jpeg.encode({ data, width, height }, quality).data;
}

/**
 * Writes an MJPEG file showing each image in turn for `secondsPerImage` seconds at `fps` frames per
 * second (use 30, Chromium's playback rate for MJPEG, so the seconds come out right). `images` are
 * JPEG file paths, bytes, or sequence images with their folder, e.g.
 * `turningHeadSequence('turn_left').map((i) => ({ ...i, dir: facesDir }))`. Returns the number of
 * frames written.
 */
export function makeFakeCameraVideo({
  images,
  out,
  fps = 30,
  secondsPerImage = 1,
  width = 640,
  height = 480,
}: {
  images: readonly (string | Uint8Array | (SequenceImage & { dir: string }))[];
  out: string;
  fps?: number;
  secondsPerImage?: number;
  width?: number;
  height?: number;
}): number {
  if (images.length === 0) throw new Error('makeFakeCameraVideo: no images');
  const repeat = Math.max(1, Math.round(fps * secondsPerImage));
  const frames: Buffer[] = [];
  for (const img of images) {
    const frame =
      typeof img === 'string' || img instanceof Uint8Array
        ? cameraFrame({ image: typeof img === 'string' ? readFileSync(img) : img, width, height })
        : cameraFrame({
            image: readFileSync(join(img.dir, img.name)),
            width,
            height,
            mirror: img.mirror ?? false,
          });
    for (let i = 0; i < repeat; i++) frames.push(frame);
  }
  writeFileSync(out, Buffer.concat(frames));
  return frames.length;
}
