import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../core/errors';
import { chooseThreshold, cosineSimilarity } from '../core/identity/face-match';
import type { DetectedFace } from '../core/identity/face-analysis';
import type { FaceEngine } from '../features/identity/face-engine.port';
import { createHumanFaceEngine } from '../infra/face/human-face-engine';

const usage = 'usage: mianqian identity face-eval --pairs <csv> --images <dir> [--max-far <fraction>]';

/** The subject of a photo: its largest face (a portrait may show bystanders, smaller). */
export function subjectFace(faces: readonly DetectedFace[]): DetectedFace | undefined {
  let best: DetectedFace | undefined;
  for (const f of faces) if (!best || f.box.width * f.box.height > best.box.width * best.box.height) best = f;
  return best;
}

/** Reads a pairs CSV with columns file_x, file_y, decision (Yes/No); extra columns are ignored. */
export function parsePairsCsv(text: string): { x: string; y: string; isSame: boolean }[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const [ix, iy, id] = ['file_x', 'file_y', 'decision'].map((h) => header.indexOf(h));
  if (ix === undefined || iy === undefined || id === undefined || ix < 0 || iy < 0 || id < 0)
    throw new Error('the CSV needs the columns file_x, file_y and decision');
  return lines.map((line, n) => {
    const cells = line.split(',');
    const decision = cells[id]?.trim();
    if (decision !== 'Yes' && decision !== 'No')
      throw new Error(`line ${n + 2}: decision must be Yes or No, got ${decision}`);
    return { x: basename(cells[ix]!.trim()), y: basename(cells[iy]!.trim()), isSame: decision === 'Yes' };
  });
}

/**
 * Embeds every image named in labelled pairs once, compares each pair, and picks the threshold with
 * the best accuracy at FAR ≤ maxFar. A pair with an image in which no face was found, or that cannot
 * be decoded, counts as a non-match (similarity −1): the check
 * would refuse it too.
 */
export async function evaluateFacePairs({
  engine,
  pairs,
  imagesDir,
  maxFar = 0.01,
  log = () => {},
}: {
  engine: FaceEngine;
  pairs: readonly { x: string; y: string; isSame: boolean }[];
  imagesDir: string;
  maxFar?: number;
  log?: (line: string) => void;
}): Promise<{
  n: number;
  accuracy: number;
  far: number;
  frr: number;
  threshold: number;
  scored: { x: string; y: string; isSame: boolean; similarity: number }[];
}> {
  const names = [...new Set(pairs.flatMap((p) => [p.x, p.y]))].sort();
  const embeddings = new Map<string, Float32Array | undefined>();
  for (const [i, name] of names.entries()) {
    try {
      const analysis = await engine.analyse(await readFile(join(imagesDir, name)));
      embeddings.set(name, subjectFace(analysis.faces)?.embedding);
      log(`${i + 1}/${names.length} ${name}: ${analysis.faces.length} face(s)`);
    } catch (e) {
      if (!isAppError(e, 'FACE_IMAGE_INVALID')) throw e;
      embeddings.set(name, undefined);
      log(`${i + 1}/${names.length} ${name}: unreadable (${e.message}); its pairs count as non-matches`);
    }
  }
  const scored = pairs.map((p) => {
    const a = embeddings.get(p.x);
    const b = embeddings.get(p.y);
    return { ...p, similarity: a && b ? cosineSimilarity(a, b) : -1 };
  });
  const chosen = chooseThreshold({ pairs: scored, maxFar });
  return { n: scored.length, ...chosen, scored };
}

/**
 * `mianqian identity face-eval --pairs <csv> --images <dir>`: measures the face engine on labelled
 * pairs and prints one JSON line {n, accuracy, far, frr, threshold} (threshold: best accuracy at
 * FAR ≤ 1%). Progress goes to stderr. Exit 0 after a measurement, 2 for a usage error.
 */
export async function faceEvalCommand(
  argv: string[],
  { engine = createHumanFaceEngine() }: { engine?: FaceEngine } = {},
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      pairs: { type: 'string' },
      images: { type: 'string' },
      'max-far': { type: 'string', default: '0.01' },
      'dump-scores': { type: 'string' },
    },
  });
  const maxFar = Number(values['max-far']);
  if (!values.pairs || !values.images || !(maxFar >= 0 && maxFar <= 1)) {
    console.error(usage);
    return 2;
  }
  const pairs = parsePairsCsv(await readFile(values.pairs, 'utf8'));
  const started = performance.now();
  const result = await evaluateFacePairs({
    engine,
    pairs,
    imagesDir: values.images,
    maxFar,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stderr.write(
    `${engine.modelVersion}: ${result.n} pairs in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (values['dump-scores']) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      values['dump-scores'],
      ['file_x,file_y,decision,similarity']
        .concat(
          result.scored.map((s) => `${s.x},${s.y},${s.isSame ? 'Yes' : 'No'},${s.similarity.toFixed(4)}`),
        )
        .join('\n') + '\n',
    );
  }
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  console.log(
    JSON.stringify({
      n: result.n,
      accuracy: round(result.accuracy),
      far: round(result.far),
      frr: round(result.frr),
      threshold: round(result.threshold),
    }),
  );
  return 0;
}
