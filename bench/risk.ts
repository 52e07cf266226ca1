/**
 * bench/risk — the retail scorecard's speed: batch scoring throughput (columnar and per-object),
 * single-applicant `explain` latency inside a request-like path (parse JSON body → explain → JSON
 * answer), and training time on the Taiwan file. Prints figures; asserts nothing.
 *
 *   npx tsx bench/risk.ts [--seconds 2] [--model models/retail-taiwan.json] [--skip-training]
 *
 * Needs the shared credit data (MIANQIAN_CREDIT_DIR, /work/shared/data/credit or ../shared/data/credit).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseCsvTable } from '../src/core/risk/csv-table';
import { platformProtectedInputs } from '../src/core/risk/protected-inputs';
import { compileScorecard, type ScoringInputs } from '../src/core/risk/score-applicant';
import type { ScorecardModel } from '../src/core/risk/scorecard-model';
import { taiwanCharacteristics } from '../src/core/risk/taiwan-characteristics';
import { trainScorecard } from '../src/core/risk/train-scorecard';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    model: { type: 'string', default: join(root, 'models/retail-taiwan.json') },
    'skip-training': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);

const dataDir = [
  process.env.MIANQIAN_CREDIT_DIR,
  '/work/shared/data/credit',
  resolve(root, '../shared/data/credit'),
].find((d) => d && existsSync(join(d, 'taiwan_default_train.csv')));
if (!dataDir) throw new Error('The credit data were not found; set MIANQIAN_CREDIT_DIR');
const bytes = readFileSync(join(dataDir, 'taiwan_default_train.csv'));
const table = parseCsvTable({ text: bytes.toString('utf8') });
const model = JSON.parse(readFileSync(values.model!, 'utf8')) as ScorecardModel;
const scorer = compileScorecard({ model, protectedInputs: platformProtectedInputs });
console.log(`model ${model.id} ${model.version}: ${model.characteristics.length} characteristics`);

// Columnar batch: the file tiled to 240,000 rows.
const tiles = 10;
const rows = table.rows * tiles;
const columns = new Map<string, Float64Array>();
for (const [name, col] of table.columns) {
  if (col.kind !== 'numeric') continue;
  const out = new Float64Array(rows);
  for (let t = 0; t < tiles; t++) out.set(col.values, t * table.rows);
  columns.set(name, out);
}
const batch = { rows, columns };
for (let i = 0; i < 3; i++) scorer.scoreColumns(batch);
{
  let scored = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    scorer.scoreColumns(batch);
    scored += rows;
  }
  const rate = scored / ((performance.now() - start) / 1000);
  console.log(
    `batch scoring (columnar, ${rows} rows a call): ${Math.round(rate).toLocaleString('en')} applications/s`,
  );
}

// Per-object scoring.
const objects: ScoringInputs[] = [];
for (let i = 0; i < table.rows; i++) {
  const o: Record<string, number> = {};
  for (const [name, col] of table.columns) if (col.kind === 'numeric') o[name] = col.values[i]!;
  objects.push(o);
}
{
  for (const o of objects) scorer.score(o);
  let scored = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (const o of objects) sink += scorer.score(o);
    scored += objects.length;
  }
  const rate = scored / ((performance.now() - start) / 1000);
  console.log(
    `batch scoring (one object at a time): ${Math.round(rate).toLocaleString('en')} applications/s (${sink > 0 ? 'ok' : ''})`,
  );
}

// Request-like path, one applicant at a time: parse body, explain, serialise the answer.
{
  const bodies = objects.map((o) => JSON.stringify(o));
  for (const b of bodies.slice(0, 5000)) JSON.stringify(scorer.explain(JSON.parse(b) as ScoringInputs));
  const times = new Float64Array(bodies.length);
  const explainOnly = new Float64Array(bodies.length);
  for (let i = 0; i < bodies.length; i++) {
    const t0 = performance.now();
    const inputs = JSON.parse(bodies[i]!) as ScoringInputs;
    const t1 = performance.now();
    const result = scorer.explain(inputs);
    const t2 = performance.now();
    JSON.stringify(result);
    times[i] = performance.now() - t0;
    explainOnly[i] = t2 - t1;
  }
  const q = (a: Float64Array, p: number) => Float64Array.from(a).sort()[Math.floor(p * (a.length - 1))]!;
  const fmt = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(
    `explain, one at a time (${bodies.length}): p50 ${fmt(q(explainOnly, 0.5))}, p99 ${fmt(q(explainOnly, 0.99))}; ` +
      `with JSON parse and answer: p50 ${fmt(q(times, 0.5))}, p99 ${fmt(q(times, 0.99))}`,
  );
}

// Training on the Taiwan file (scorecard, hold-out and 5-fold CV; no challenger).
if (!values['skip-training']) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const trained = trainScorecard({
    table,
    target: 'default_payment_next_month',
    id: 'retail-taiwan',
    version: 'bench',
    label: model.label,
    dataSha256: createHash('sha256').update(bytes).digest('hex'),
    exclude: ['ID'],
    protectedInputs: ['SEX', 'MARRIAGE', 'AGE'],
    derived: taiwanCharacteristics,
    derivedSet: 'taiwan',
  });
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    `training (Taiwan, ${table.rows} rows, hold-out + 5-fold CV): ${wall.toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU; ` +
      `CV AUC ${trained.validation!.crossValidation.meanAuc.toFixed(4)}`,
  );
}
