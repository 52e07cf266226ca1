import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isAppError } from '../core/errors';
import { parseCsvTable, type Table } from '../core/risk/csv-table';
import {
  predictGradientBoosting,
  taiwanChallengerParams,
  trainGradientBoosting,
} from '../core/risk/gradient-boosting';
import { binaryMetrics } from '../core/risk/metrics';
import { platformProtectedInputs } from '../core/risk/protected-inputs';
import { compileScorecard } from '../core/risk/score-applicant';
import { scorecardFormat, type LocalisedLabel, type ScorecardModel } from '../core/risk/scorecard-model';
import { taiwanCharacteristics, taiwanConsistencyChecks } from '../core/risk/taiwan-characteristics';
import { trainScorecard, type ChallengerTrainer } from '../core/risk/train-scorecard';

const usage = `usage: mianqian risk train --data <csv> --target <column> --out <model.json>
           [--exclude <col,col…>] [--id <id>] [--version <v>] [--label-zh <text>] [--label-en <text>]
           [--derived taiwan|none] [--folds 5] [--seed <n>] [--holdout 0.3] [--challenger]
       mianqian risk evaluate --model <model.json> --data <csv> --target <column>

  train    fits a WOE scorecard; prints hold-out AUC, KS, Gini and the k-fold CV AUC (then one JSON
           line) and writes the model artifact. Protected columns (sex, marital status, age, foreign
           worker …) are always excluded; a characteristic that would read an excluded column is refused.
           --challenger also trains gradient boosting on the same split and folds for comparison.
  evaluate scores a labelled file with a model and prints {"n","auc","ks","gini"} as one JSON line.
  Exit 2 on bad input.`;

/** Labels of the models we ship, by id. */
const knownLabels: Record<string, LocalisedLabel> = {
  'retail-taiwan': {
    'zh-CN': '个人信贷评分卡（台湾信用卡数据训练）',
    en: 'Retail scorecard (trained on the Taiwan credit-card data)',
  },
};

class UsageError extends Error {}

/** Progress on stderr: a bar redrawn in place on a terminal, otherwise a plain line per stage. */
function progressReporter({
  stream = process.stderr,
  isQuietWithoutTty = false,
}: { stream?: NodeJS.WriteStream; isQuietWithoutTty?: boolean } = {}) {
  const isTty = stream.isTTY === true;
  let lastStage = '';
  let lastDraw = 0;
  return {
    update(stage: string, fraction: number) {
      if (isTty) {
        const now = Date.now();
        if (now - lastDraw < 100 && fraction < 1 && stage === lastStage) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${stage.padEnd(28)}`,
        );
      } else if (stage !== lastStage && !isQuietWithoutTty) {
        stream.write(`${stage}…\n`);
      }
      lastStage = stage;
    },
    done() {
      if (isTty && lastStage) stream.write(`\r${' '.repeat(70)}\r`);
    },
  };
}

function readData(path: string): { bytes: Buffer; table: Table } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return { bytes, table: parseCsvTable({ text: bytes.toString('utf8') }) };
  } catch (e) {
    throw new UsageError(`${path}: ${(e as Error).message}`);
  }
}

function checkTarget(table: Table, target: string, path: string): void {
  const col = table.columns.get(target);
  if (!col) throw new UsageError(`${path} has no column "${target}" (columns: ${table.header.join(', ')})`);
  if (col.kind !== 'numeric' || col.values.some((v) => v !== 0 && v !== 1))
    throw new UsageError(`the target "${target}" must be 0 or 1 on every row`);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** The gradient-boosting challenger, with its trees reported as progress. */
function gradientBoostingChallenger(
  isTaiwan: boolean,
  onTree: (done: number, total: number) => void,
): ChallengerTrainer {
  return {
    kind: 'gradient-boosting',
    // TreeSHAP contributions explain every prediction per applicant.
    isExplainable: true,
    train({ features, featureNames, target, seed }) {
      const model = trainGradientBoosting({
        features,
        featureNames,
        target,
        seed,
        ...(isTaiwan ? { params: taiwanChallengerParams } : {}),
        onProgress: onTree,
      });
      return (row) => predictGradientBoosting({ model, row });
    },
  };
}

function train(args: string[]): number {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      data: { type: 'string' },
      target: { type: 'string' },
      exclude: { type: 'string' },
      out: { type: 'string' },
      id: { type: 'string' },
      version: { type: 'string' },
      'label-zh': { type: 'string' },
      'label-en': { type: 'string' },
      derived: { type: 'string' },
      folds: { type: 'string' },
      seed: { type: 'string' },
      holdout: { type: 'string' },
      challenger: { type: 'boolean' },
    },
  });
  const { data, target, out } = values;
  if (!data || !target || !out) throw new UsageError('risk train needs --data, --target and --out');
  const derivedSet = values.derived ?? 'none';
  if (derivedSet !== 'taiwan' && derivedSet !== 'none')
    throw new UsageError(`--derived must be taiwan or none, got ${derivedSet}`);
  const folds = Number(values.folds ?? 5);
  if (!Number.isInteger(folds) || folds < 2 || folds > 20) throw new UsageError('--folds must be 2 … 20');
  const seed = Number(values.seed ?? 1);
  if (!Number.isInteger(seed) || seed < 0) throw new UsageError('--seed must be a whole number');
  const holdoutShare = Number(values.holdout ?? 0.3);
  if (!(holdoutShare > 0 && holdoutShare < 1)) throw new UsageError('--holdout must be between 0 and 1');
  const started = performance.now();
  const progress = progressReporter();
  const { bytes, table } = readData(data);
  checkTarget(table, target, data);
  const exclude = (values.exclude ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = exclude.filter((c) => !table.columns.has(c));
  if (unknown.length)
    throw new UsageError(`--exclude names columns the data do not have: ${unknown.join(', ')}`);
  const banned = new Set(platformProtectedInputs.map((s) => s.toLowerCase()));
  const protectedHere = table.header.filter((c) => banned.has(c.toLowerCase()));
  if (banned.has(target.toLowerCase())) throw new UsageError(`the target ${target} is a protected column`);
  if (protectedHere.length)
    console.log(
      `Protected columns excluded from the model (used only to measure fairness): ${protectedHere.join(', ')}`,
    );
  const id = values.id ?? out.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
  const label: LocalisedLabel = { ...(knownLabels[id] ?? { 'zh-CN': id, en: id }) };
  if (values['label-zh']) label['zh-CN'] = values['label-zh'];
  if (values['label-en']) label.en = values['label-en'];
  const isTaiwan = derivedSet === 'taiwan';
  const fairness = [
    ...['SEX', 'sex']
      .filter((c) => table.columns.has(c))
      .map((column) => ({ attribute: 'sex' as const, column })),
    ...['AGE', 'age', 'age_years']
      .filter((c) => table.columns.has(c))
      .map((column) => ({ attribute: 'age_band' as const, column })),
  ];
  const steps = 1 + folds;
  let stage = 'hold-out fit';
  let stepsDone = 0;
  const challenger = values.challenger
    ? gradientBoostingChallenger(isTaiwan, (done, total) =>
        progress.update(`${stage}: challenger`, (stepsDone + 0.5 + (0.5 * done) / total) / steps),
      )
    : undefined;
  let model: ScorecardModel;
  try {
    model = trainScorecard({
      table,
      target,
      id,
      version: values.version ?? 'dev',
      label,
      dataSha256: createHash('sha256').update(bytes).digest('hex'),
      exclude,
      protectedInputs: protectedHere,
      derived: isTaiwan ? taiwanCharacteristics : [],
      consistencyChecks: isTaiwan ? taiwanConsistencyChecks : [],
      derivedSet,
      folds,
      seed,
      holdoutShare,
      fairness,
      ...(challenger ? { challenger } : {}),
      onProgress: (p) => {
        stage =
          p.done < p.total ? (p.done === 0 ? 'hold-out fit' : `fold ${p.done} of ${p.total - 1}`) : 'done';
        stepsDone = p.done;
        progress.update(stage, p.done / p.total);
      },
    });
  } finally {
    progress.done();
  }
  writeFileSync(out, JSON.stringify(model, null, 2) + '\n');
  const seconds = (performance.now() - started) / 1000;
  const v = model.validation!;
  console.log(
    `Model ${model.id} ${model.version}: ${model.characteristics.length} characteristics, written to ${out}`,
  );
  console.log(
    `Hold-out (${v.holdout.n} rows): AUC ${v.holdout.auc.toFixed(4)}  KS ${v.holdout.ks.toFixed(4)}  Gini ${v.holdout.gini.toFixed(4)}`,
  );
  console.log(
    `${folds}-fold CV AUC: ${v.crossValidation.meanAuc.toFixed(4)} (${v.crossValidation.auc.map((a) => a.toFixed(4)).join(', ')})`,
  );
  if (v.challenger) {
    console.log(
      `Challenger ${v.challenger.kind}: hold-out AUC ${v.challenger.holdout.auc.toFixed(4)}, ${folds}-fold CV AUC ${v.challenger.crossValidation.meanAuc.toFixed(4)}`,
    );
    console.log(v.challenger.decision);
  }
  console.log(`Trained in ${seconds.toFixed(1)} s`);
  console.log(
    JSON.stringify({
      id: model.id,
      version: model.version,
      out,
      characteristics: model.characteristics.map((c) => c.name),
      holdout: v.holdout,
      cvAuc: v.crossValidation.meanAuc,
      ...(v.challenger
        ? { challenger: { holdout: v.challenger.holdout, cvAuc: v.challenger.crossValidation.meanAuc } }
        : {}),
      seconds: round4(seconds),
    }),
  );
  return 0;
}

function evaluate(args: string[]): number {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { model: { type: 'string' }, data: { type: 'string' }, target: { type: 'string' } },
  });
  if (!values.model || !values.data || !values.target)
    throw new UsageError('risk evaluate needs --model, --data and --target');
  let model: ScorecardModel;
  try {
    model = JSON.parse(readFileSync(values.model, 'utf8')) as ScorecardModel;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the model ${values.model}: ${code ?? (e as Error).message}`);
  }
  if (model.format !== scorecardFormat || !Array.isArray(model.characteristics))
    throw new UsageError(`${values.model} is not a ${scorecardFormat} model`);
  const progress = progressReporter({ isQuietWithoutTty: true });
  progress.update('reading data', 0);
  const { table } = readData(values.data);
  checkTarget(table, values.target, values.data);
  progress.update('scoring', 0.5);
  const scorer = compileScorecard({ model, protectedInputs: platformProtectedInputs });
  const scores = scorer.scoreColumns({
    rows: table.rows,
    columns: new Map([...table.columns].map(([k, c]) => [k, c.values])),
  });
  progress.update('done', 1);
  progress.done();
  const target = table.columns.get(values.target)!.values as Float64Array;
  const m = binaryMetrics({ risk: scores.map((s) => -s), bad: Uint8Array.from(target) });
  console.log(JSON.stringify({ n: m.n, auc: round6(m.auc), ks: round6(m.ks), gini: round6(m.gini) }));
  return 0;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** `mianqian risk …`: train a scorecard or evaluate one on labelled data. Returns the exit code. */
export function riskCommand(argv: string[]): number {
  const [sub, ...rest] = argv;
  try {
    if (sub === 'train') return train(rest);
    if (sub === 'evaluate') return evaluate(rest);
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      console.log(usage);
      return 0;
    }
    throw new UsageError(
      sub ? `unknown risk command: ${sub}` : 'missing the risk command (train or evaluate)',
    );
  } catch (e) {
    if (
      e instanceof UsageError ||
      isAppError(e) ||
      (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`mianqian risk: ${(e as Error).message}\n\n${usage}`);
      return 2;
    }
    throw e;
  }
}
