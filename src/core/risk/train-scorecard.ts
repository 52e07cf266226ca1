import { AppError } from '../errors';
import { binCategorical, binLookup, binNumeric, type BinningOptions, type BinningResult } from './binning';
import { characteristicWording } from './characteristic-labels';
import type { Table } from './csv-table';
import { ageBand, fairnessByGroup } from './fairness';
import { fitLogisticRegression } from './logistic-regression';
import { binaryMetrics, ksCurve, rocCurve, scoreHistogram } from './metrics';
import { compileScorecard, derivationInputs, deriveColumn, type ColumnarInputs } from './score-applicant';
import {
  scorecardFormat,
  type BinaryMetrics,
  type Characteristic,
  type LocalisedLabel,
  type ScalingParameters,
  type ScorecardModel,
} from './scorecard-model';
import { stratifiedHoldout, stratifiedKFold } from './stratified-split';
import type { CandidateCharacteristic } from './taiwan-characteristics';

/**
 * A challenger model trained beside the scorecard on the same rows (e.g. gradient boosting). It gets
 * numeric feature columns (NaN = missing) and returns a P(bad) predictor for a feature row.
 */
export interface ChallengerTrainer {
  kind: string;
  /** Whether it explains each applicant's result (per-feature contributions). */
  isExplainable: boolean;
  train(args: {
    features: Float64Array[];
    featureNames: string[];
    target: Uint8Array;
    seed: number;
  }): (row: ArrayLike<number>) => number;
}

/**
 * A change to one raw input that makes an applicant's record plainly worse (or better): one more month
 * of delay, a lower payment. A decision model's reasons must hold under it — its PD must not move the
 * other way. Used to judge whether a challenger explains applicants as consistently as the scorecard.
 */
export interface ConsistencyCheck {
  label: LocalisedLabel;
  input: string;
  /** The changed value, or null where the change does not apply to this value. */
  change: (x: number) => number | null;
  /** True when the change makes the record worse (PD must not fall); false when better (must not rise). */
  isWorse: boolean;
}

export interface TrainScorecardOptions {
  table: Table;
  target: string;
  id: string;
  version: string;
  label: LocalisedLabel;
  /** SHA-256 (hex) of the training file's bytes, for provenance. */
  dataSha256: string;
  /** Columns that are not features (ids …) or must not be used. */
  exclude?: readonly string[];
  /** Protected inputs: never used, and recorded in the model so scoring refuses them. */
  protectedInputs?: readonly string[];
  /** Derived characteristics to consider besides the raw columns (a same-named one replaces the raw column). */
  derived?: readonly CandidateCharacteristic[];
  /** Name of the derived set, recorded in the parameters. */
  derivedSet?: string;
  scaling?: Partial<ScalingParameters>;
  binning?: BinningOptions;
  /** Least IV a characteristic needs; default 0.02. */
  minInformationValue?: number;
  /** Of two characteristics whose WOE columns correlate above this |r|, the weaker goes; default 0.7. */
  maxCorrelation?: number;
  /** Drop characteristics whose coefficient has the wrong sign (and refit); default true. */
  dropWrongSign?: boolean;
  /** L2 penalty λ of the logistic regression; default 1. */
  l2?: number;
  holdoutShare?: number;
  folds?: number;
  seed?: number;
  /** Approve when PD < this, for the fairness table; default 0.10 (grades A and B). */
  approveBelowPd?: number;
  /** Protected attributes to measure fairness by (read only for that). */
  fairness?: readonly { attribute: 'sex' | 'age_band'; column: string }[];
  challenger?: ChallengerTrainer;
  /**
   * Record changes under which the challenger's and the scorecard's PDs are compared on the hold-out;
   * the challenger counts as explainable per applicant only if, on every check, its PD moves the wrong
   * way (by more than one percentage point) for no larger a share of applicants than the scorecard's.
   */
  consistencyChecks?: readonly ConsistencyCheck[];
  onProgress?: (progress: { stage: string; done: number; total: number }) => void;
}

interface Prepared {
  candidates: CandidateCharacteristic[];
  values: (Float64Array | (string | null)[])[];
  /** Whether the column has missing values anywhere in the file. */
  hasMissing: boolean[];
}

interface Fit {
  model: ScorecardModel;
  selection: { name: string; informationValue: number; selected: boolean; reason?: string }[];
  binnings: BinningResult[];
}

/** Ordinary Pearson correlation of two columns over `rows`. */
function correlation(a: Float64Array, b: Float64Array, rows: Uint32Array): number {
  let sa = 0;
  let sb = 0;
  for (const i of rows) {
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / rows.length;
  const mb = sb / rows.length;
  let cab = 0;
  let caa = 0;
  let cbb = 0;
  for (const i of rows) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cab += da * db;
    caa += da * da;
    cbb += db * db;
  }
  return caa > 0 && cbb > 0 ? cab / Math.sqrt(caa * cbb) : 0;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function scalingOf(s: Partial<ScalingParameters> = {}): ScalingParameters {
  return { baseScore: s.baseScore ?? 600, baseOdds: s.baseOdds ?? 50, pdo: s.pdo ?? 20 };
}

/**
 * Bin points: −(β·WOE + α/n)·factor + offset/n with factor = PDO/ln 2, offset = baseScore − factor·ln(baseOdds),
 * rounded to 0.01, so an applicant's points add up to offset + factor·ln(odds good:bad).
 */
export function binPoints({
  coefficient,
  woe,
  intercept,
  characteristics,
  scaling,
}: {
  coefficient: number;
  woe: number;
  intercept: number;
  characteristics: number;
  scaling: ScalingParameters;
}): number {
  const factor = scaling.pdo / Math.LN2;
  const offset = scaling.baseScore - factor * Math.log(scaling.baseOdds);
  return round2(-(coefficient * woe + intercept / characteristics) * factor + offset / characteristics);
}

function fitOn(
  o: TrainScorecardOptions,
  prepared: Prepared,
  bad: Uint8Array,
  rows: Uint32Array,
  base: Omit<ScorecardModel, 'intercept' | 'characteristics' | 'training' | 'validation'>,
): Fit {
  const minIv = o.minInformationValue ?? 0.02;
  const maxCorrelation = o.maxCorrelation ?? 0.7;
  const { candidates, values } = prepared;
  const binnings = candidates.map((c, k) => {
    const v = values[k]!;
    const result =
      v instanceof Float64Array
        ? binNumeric({ values: v, bad, rows, ...o.binning })
        : binCategorical({ values: v, bad, rows, ...o.binning });
    if (
      result.type === 'numeric' &&
      prepared.hasMissing[k] &&
      !result.bins.some((b) => b.condition.kind === 'missing')
    ) {
      // Missing elsewhere in the file but not in these rows: a neutral bin so scoring never fails.
      result.bins.push({ condition: { kind: 'missing' }, label: 'missing', good: 0, bad: 0, woe: 0 });
    }
    return result;
  });
  const woeColumns = binnings.map((b, k) => {
    const lookup = binLookup(b);
    const v = values[k]!;
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const idx = lookup(v[i]!);
      out[i] = idx >= 0 ? b.bins[idx]!.woe : 0;
    }
    return out;
  });
  const order = candidates
    .map((_, k) => k)
    .sort((a, b) => binnings[b]!.informationValue - binnings[a]!.informationValue);
  const reasons = new Map<number, string>();
  let selected: number[] = [];
  for (const k of order) {
    const iv = binnings[k]!.informationValue;
    if (iv < minIv) {
      reasons.set(k, `IV ${iv.toFixed(4)} below ${minIv}`);
      continue;
    }
    let worst: { j: number; r: number } | null = null;
    for (const j of selected) {
      const r = correlation(woeColumns[k]!, woeColumns[j]!, rows);
      if (Math.abs(r) > maxCorrelation && (!worst || Math.abs(r) > Math.abs(worst.r))) worst = { j, r };
    }
    if (worst) {
      reasons.set(k, `WOE correlates with ${candidates[worst.j]!.name} (r = ${worst.r.toFixed(3)})`);
      continue;
    }
    selected.push(k);
  }
  let fit = fitLogisticRegression({
    features: selected.map((k) => woeColumns[k]!),
    target: bad,
    rows,
    l2: o.l2 ?? 1,
  });
  // WOE = ln(%good/%bad) and the model predicts bad, so every coefficient should be negative.
  while ((o.dropWrongSign ?? true) && selected.length > 1) {
    // Drop every wrong-signed characteristic at once (fewer refits), then check again.
    const wrong = new Set<number>();
    fit.coefficients.forEach((b, i) => {
      if (b > 0) wrong.add(i);
    });
    if (wrong.size === 0 || wrong.size === selected.length) break;
    for (const i of wrong)
      reasons.set(selected[i]!, `coefficient ${fit.coefficients[i]!.toFixed(4)} has the wrong sign`);
    selected = selected.filter((_, i) => !wrong.has(i));
    fit = fitLogisticRegression({
      features: selected.map((k) => woeColumns[k]!),
      target: bad,
      rows,
      l2: o.l2 ?? 1,
      initial: { intercept: fit.intercept, coefficients: fit.coefficients.filter((_, i) => !wrong.has(i)) },
    });
  }
  const scaling = base.scaling;
  let fallback = 0;
  const characteristics: Characteristic[] = selected.map((k, s) => {
    const c = candidates[k]!;
    const b = binnings[k]!;
    const wording = characteristicWording({ name: c.name, fallbackIndex: fallback });
    if (wording.reason.code.startsWith('R1') && wording.reason.code.length >= 4) fallback++;
    return {
      name: c.name,
      label: wording.label,
      type: c.type,
      derivation: c.derivation,
      bins: b.bins.map((bin) => ({
        ...bin.condition,
        label: bin.label,
        count: bin.good + bin.bad,
        badRate: bin.good + bin.bad > 0 ? round6(bin.bad / (bin.good + bin.bad)) : null,
        woe: round6(bin.woe),
        points: binPoints({
          coefficient: fit.coefficients[s]!,
          woe: round6(bin.woe),
          intercept: fit.intercept,
          characteristics: selected.length,
          scaling,
        }),
      })),
      coefficient: round6(fit.coefficients[s]!),
      informationValue: round6(b.informationValue),
      reason: wording.reason,
    };
  });
  const selection = order.map((k) => {
    const b = binnings[k]!;
    const reason = reasons.get(k) ?? (b.note ? `selected; ${b.note}` : undefined);
    return {
      name: candidates[k]!.name,
      informationValue: round6(b.informationValue),
      selected: !reasons.has(k),
      ...(reason ? { reason } : {}),
    };
  });
  return {
    model: { ...base, intercept: round6(fit.intercept), characteristics, training: null, validation: null },
    selection,
    binnings,
  };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function subset(all: Float64Array, rows: Uint32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = all[rows[k]!]!;
  return out;
}

/** The challenger's feature columns: numeric candidates as they are, categorical ones as their bin's WOE. */
function challengerFeatures(prepared: Prepared, binnings: BinningResult[]): Float64Array[] {
  return prepared.values.map((v, k) => {
    if (v instanceof Float64Array) return v;
    const b = binnings[k]!;
    const lookup = binLookup(b);
    return Float64Array.from(v, (x) => {
      const idx = lookup(x);
      return idx >= 0 ? b.bins[idx]!.woe : NaN;
    });
  });
}

function runChallenger(
  trainer: ChallengerTrainer,
  prepared: Prepared,
  binnings: BinningResult[],
  bad: Uint8Array,
  train: Uint32Array,
  test: Uint32Array,
  seed: number,
): { metrics: BinaryMetrics; predict: (row: ArrayLike<number>) => number } {
  const all = challengerFeatures(prepared, binnings);
  const predict = trainer.train({
    features: all.map((col) => subset(col, train)),
    featureNames: prepared.candidates.map((c) => c.name),
    target: Uint8Array.from(train, (i) => bad[i]!),
    seed,
  });
  const row = new Float64Array(all.length);
  const risk = Float64Array.from(test, (i) => {
    for (let f = 0; f < all.length; f++) row[f] = all[f]![i]!;
    return predict(row);
  });
  return {
    metrics: roundMetrics(binaryMetrics({ risk, bad: Uint8Array.from(test, (i) => bad[i]!) })),
    predict,
  };
}

/**
 * For each check: the share of the hold-out applicants it applies to whose PD moves the wrong way by
 * more than one percentage point, under the challenger and under the scorecard. Every characteristic
 * is recomputed from the changed record, as a changed bureau report would be scored.
 */
function measureConsistency({
  checks,
  table,
  candidates,
  binnings,
  test,
  challenger,
  scorecard,
}: {
  checks: readonly ConsistencyCheck[];
  table: TrainScorecardOptions['table'];
  candidates: CandidateCharacteristic[];
  binnings: BinningResult[];
  test: Uint32Array;
  challenger: (row: ArrayLike<number>) => number;
  scorecard: ReturnType<typeof compileScorecard>;
}): ConsistencyResult[] {
  const baseColumns = new Map(
    [...table.columns].map(([k, c]) => [
      k,
      c.kind === 'numeric'
        ? Float64Array.from(test, (i) => c.values[i]!)
        : Array.from(test, (i) => c.values[i]!),
    ]),
  );
  const pds = (columns: Map<string, Float64Array | (string | null)[]>) => {
    const inputs: ColumnarInputs = { rows: test.length, columns };
    const values = candidates.map((c) => deriveColumn({ derivation: c.derivation, type: c.type, inputs }));
    const features = challengerFeatures({ candidates, values, hasMissing: [] }, binnings);
    const row = new Float64Array(features.length);
    const challengerPd = Float64Array.from(test, (_, k) => {
      for (let f = 0; f < features.length; f++) row[f] = features[f]![k]!;
      return challenger(row);
    });
    const scorecardPd = scorecard.scoreColumns(inputs).map((s) => scorecard.probabilityOfDefault(s));
    return { challengerPd, scorecardPd };
  };
  const before = pds(baseColumns);
  return checks.flatMap((check) => {
    const original = baseColumns.get(check.input);
    if (!(original instanceof Float64Array)) return [];
    const changed = Float64Array.from(original);
    const applies: number[] = [];
    original.forEach((x, k) => {
      const y = Number.isNaN(x) ? null : check.change(x);
      if (y !== null) {
        changed[k] = y;
        applies.push(k);
      }
    });
    if (applies.length === 0) return [];
    const after = pds(new Map(baseColumns).set(check.input, changed));
    const wrongShare = (was: Float64Array, now: Float64Array) =>
      round6(
        applies.filter((k) => (now[k]! - was[k]!) * (check.isWorse ? 1 : -1) < -0.01).length / applies.length,
      );
    return [
      {
        check: check.label.en,
        label: check.label,
        applicants: applies.length,
        challengerWrongShare: wrongShare(before.challengerPd, after.challengerPd),
        scorecardWrongShare: wrongShare(before.scorecardPd, after.scorecardPd),
      },
    ];
  });
}

type ConsistencyResult = NonNullable<
  NonNullable<NonNullable<ScorecardModel['validation']>['challenger']>['consistency']
>[number];

function roundMetrics(m: BinaryMetrics): BinaryMetrics {
  return { n: m.n, auc: round6(m.auc), ks: round6(m.ks), gini: round6(m.gini) };
}

/**
 * Trains a scorecard (评分卡) from a table: candidate characteristics (raw columns not excluded, plus
 * `derived`), optimal binning, selection by IV and WOE correlation, L2 logistic regression on WOE,
 * points scaling. The model returned is the one fitted on the stratified training part; its hold-out
 * metrics, ROC, KS chart, score histogram and fairness table come from the hold-out part. Stratified
 * k-fold cross-validation repeats the whole procedure (binning, selection, fit) on each k−1 folds and
 * measures AUC on the remaining fold. Pure and deterministic for a given seed.
 *
 * Throws `VALIDATION_FAILED` when the target is missing or not 0/1, and `RISK_MODEL_INVALID` when a
 * derived characteristic reads an excluded or protected column.
 */
export function trainScorecard(o: TrainScorecardOptions): ScorecardModel {
  const { table, target } = o;
  const progress = o.onProgress ?? (() => {});
  const targetColumn = table.columns.get(target);
  if (!targetColumn) throw new AppError('VALIDATION_FAILED', `The data have no column "${target}"`);
  if (targetColumn.kind !== 'numeric' || targetColumn.values.some((v) => v !== 0 && v !== 1))
    throw new AppError('VALIDATION_FAILED', `The target "${target}" must be 0 or 1 on every row`);
  const bad = Uint8Array.from(targetColumn.values);
  const protectedInputs = [...new Set(o.protectedInputs ?? [])];
  const banned = new Set([...(o.exclude ?? []), ...protectedInputs, target].map((s) => s.toLowerCase()));
  const derived = o.derived ?? [];
  for (const d of derived) {
    const hits = derivationInputs(d.derivation).filter((n) => banned.has(n.toLowerCase()));
    if (hits.length > 0)
      throw new AppError(
        'RISK_MODEL_INVALID',
        `Characteristic ${d.name} would read ${hits.join(', ')}, which may not be used`,
        {
          characteristic: d.name,
          columns: hits,
        },
      );
  }
  const derivedNames = new Set(derived.map((d) => d.name));
  const raw: CandidateCharacteristic[] = table.header
    .filter((name) => !banned.has(name.toLowerCase()) && !derivedNames.has(name))
    .map((name) => ({
      name,
      type: table.columns.get(name)!.kind,
      derivation: { op: 'input', name },
    }));
  const candidates = [...raw, ...derived].filter((c) =>
    derivationInputs(c.derivation).every((n) => table.columns.has(n)),
  );
  const inputs: ColumnarInputs = {
    rows: table.rows,
    columns: new Map([...table.columns].map(([k, c]) => [k, c.values])),
  };
  const values = candidates.map((c) => deriveColumn({ derivation: c.derivation, type: c.type, inputs }));
  const prepared: Prepared = {
    candidates,
    values,
    hasMissing: values.map((v) =>
      v instanceof Float64Array ? v.some((x) => Number.isNaN(x)) : v.some((x) => x === null),
    ),
  };
  const seed = o.seed ?? 1;
  const folds = o.folds ?? 5;
  const holdoutShare = o.holdoutShare ?? 0.3;
  const scaling = scalingOf(o.scaling);
  const base = {
    format: scorecardFormat,
    id: o.id,
    version: o.version,
    kind: 'trained' as const,
    label: o.label,
    scaling,
    protectedInputs,
  };
  const steps = 1 + folds;
  let done = 0;

  // Hold-out: the model shipped.
  progress({ stage: 'hold-out fit', done, total: steps });
  const split = stratifiedHoldout({ labels: bad, testShare: holdoutShare, seed });
  const fit = fitOn(o, prepared, bad, split.train, base);
  const scorer = compileScorecard({ model: fit.model });
  const allScores = scorer.scoreColumns(inputs);
  const testScores = subset(allScores, split.test);
  const testBad = Uint8Array.from(split.test, (i) => bad[i]!);
  const holdout = roundMetrics(binaryMetrics({ risk: testScores.map((s) => -s), bad: testBad }));

  const approveBelowPd = o.approveBelowPd ?? 0.1;
  const fairnessGroups = (o.fairness ?? [])
    .filter((f) => table.columns.has(f.column))
    .flatMap(({ attribute, column }) => {
      const col = table.columns.get(column)!;
      const groupOf = (i: number): string => {
        const v = col.values[i];
        if (attribute === 'age_band')
          return typeof v === 'number' && !Number.isNaN(v) ? ageBand(v) : 'unknown';
        if (column === 'SEX') return v === 1 ? 'male' : v === 2 ? 'female' : 'unknown';
        return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))
          ? 'unknown'
          : String(v);
      };
      const rows = Array.from(split.test, (i, k) => ({
        group: groupOf(i),
        approved: scorer.probabilityOfDefault(testScores[k]!) < approveBelowPd,
        good: bad[i] === 0,
      }));
      return fairnessByGroup({ rows })
        .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0))
        .map((g) => ({
          attribute,
          group: g.group,
          n: g.n,
          approvalRate: round6(g.approvalRate),
          truePositiveRate: g.truePositiveRate === null ? null : round6(g.truePositiveRate),
          disparateImpact: round6(g.disparateImpact),
          equalOpportunityDifference:
            g.equalOpportunityDifference === null ? null : round6(g.equalOpportunityDifference),
        }));
    });

  const challengerRun = o.challenger
    ? runChallenger(o.challenger, prepared, fit.binnings, bad, split.train, split.test, seed)
    : null;
  const challengerHoldout = challengerRun?.metrics ?? null;
  const consistency =
    challengerRun && o.consistencyChecks?.length
      ? measureConsistency({
          checks: o.consistencyChecks,
          table,
          candidates: prepared.candidates,
          binnings: fit.binnings,
          test: split.test,
          challenger: challengerRun.predict,
          scorecard: scorer,
        })
      : [];
  progress({ stage: 'hold-out fit', done: ++done, total: steps });

  // k-fold cross-validation of the whole procedure.
  const foldOf = stratifiedKFold({ labels: bad, folds, seed });
  const cvAuc: number[] = [];
  const challengerCvAuc: number[] = [];
  for (let f = 0; f < folds; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    for (let i = 0; i < bad.length; i++) (foldOf[i] === f ? testRows : trainRows).push(i);
    const tr = Uint32Array.from(trainRows);
    const te = Uint32Array.from(testRows);
    const foldFit = fitOn(o, prepared, bad, tr, base);
    const scores = compileScorecard({ model: foldFit.model }).scoreColumns(inputs);
    cvAuc.push(
      round6(
        binaryMetrics({
          risk: Float64Array.from(te, (i) => -scores[i]!),
          bad: Uint8Array.from(te, (i) => bad[i]!),
        }).auc,
      ),
    );
    if (o.challenger)
      challengerCvAuc.push(
        runChallenger(o.challenger, prepared, foldFit.binnings, bad, tr, te, seed + f + 1).metrics.auc,
      );
    progress({ stage: `fold ${f + 1} of ${folds}`, done: ++done, total: steps });
  }
  const mean = (xs: number[]) => round6(xs.reduce((a, b) => a + b, 0) / xs.length);

  let challenger: NonNullable<ScorecardModel['validation']>['challenger'];
  if (o.challenger && challengerHoldout) {
    const cMean = mean(challengerCvAuc);
    const sMean = mean(cvAuc);
    const isBetter = cMean > sMean;
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    const lessConsistent = consistency.filter((c) => c.challengerWrongShare > c.scorecardWrongShare);
    const inconsistency = lessConsistent
      .map(
        (c) =>
          `${c.check}: ${pct(c.challengerWrongShare)} of applicants against the scorecard's ${pct(c.scorecardWrongShare)}`,
      )
      .join('; ');
    const auc = `${folds}-fold CV AUC ${cMean.toFixed(4)} against the scorecard's ${sMean.toFixed(4)}`;
    const decision = !isBetter
      ? `The scorecard stays the decision model: the ${o.challenger.kind} challenger is not better (${auc}).`
      : !o.challenger.isExplainable
        ? `The scorecard stays the decision model: the ${o.challenger.kind} challenger is better (${auc}) but cannot explain a decision per applicant.`
        : lessConsistent.length > 0
          ? `The scorecard stays the decision model: the ${o.challenger.kind} challenger is better (${auc}) and gives per-applicant contributions, but its reasons would contradict the applicant's record more often than the scorecard's — its PD moves the wrong way by more than one point when the record changes (${inconsistency}).`
          : `The ${o.challenger.kind} challenger is better (${auc}) and explains each applicant at least as consistently as the scorecard: it meets both conditions to replace the scorecard, subject to model review (this run saves only the scorecard).`;
    challenger = {
      kind: o.challenger.kind,
      holdout: challengerHoldout,
      crossValidation: { folds, auc: challengerCvAuc, meanAuc: cMean },
      ...(consistency.length ? { consistency } : {}),
      qualifies: isBetter && o.challenger.isExplainable && lessConsistent.length === 0,
      decision,
    };
  }

  const riskOfTest = testScores.map((s) => -s);
  return {
    ...fit.model,
    protectedInputs,
    training: {
      dataSha256: o.dataSha256,
      target,
      rows: table.rows,
      badRate: round6(bad.reduce((a, b) => a + b, 0) / bad.length),
      excludedColumns: [...new Set([...(o.exclude ?? []), ...protectedInputs])],
      parameters: {
        seed,
        holdoutShare,
        trainRows: split.train.length,
        holdoutRows: split.test.length,
        folds,
        minInformationValue: o.minInformationValue ?? 0.02,
        maxCorrelation: o.maxCorrelation ?? 0.7,
        dropWrongSign: o.dropWrongSign ?? true,
        l2: o.l2 ?? 1,
        binning: {
          fineBins: o.binning?.fineBins ?? 20,
          minBinShare: o.binning?.minBinShare ?? 0.05,
          smoothing: o.binning?.smoothing ?? 0.5,
          nonMonotonicGain: o.binning?.nonMonotonicGain ?? 0.15,
          maxBins: o.binning?.maxBins ?? 10,
        },
        derived: o.derivedSet ?? (derived.length > 0 ? 'custom' : 'none'),
        approveBelowPd,
        fittedOn: 'the stratified training part; hold-out metrics are of this model',
      },
      selection: fit.selection,
    },
    validation: {
      holdout,
      crossValidation: { folds, auc: cvAuc, meanAuc: mean(cvAuc) },
      roc: rocCurve({ risk: riskOfTest, bad: testBad }),
      ks: ksCurve({ scores: testScores, bad: testBad }),
      scoreHistogram: scoreHistogram({ scores: testScores }),
      ...(fairnessGroups.length > 0 ? { fairness: { approveBelowPd, groups: fairnessGroups } } : {}),
      ...(challenger ? { challenger } : {}),
    },
  };
}
