import { AppError } from '../errors';
import type { Bin, Characteristic, Derivation, LocalisedLabel, ScorecardModel } from './scorecard-model';

/** Raw inputs by name: numbers, category codes (strings), or missing. */
export type ScoringInputs = Readonly<Record<string, number | string | null | undefined>>;

export interface CharacteristicResult {
  name: string;
  label: LocalisedLabel;
  /** The characteristic's value for this applicant (null when missing). */
  value: number | string | null;
  binIndex: number;
  binLabel: string;
  points: number;
  /** The most points any bin of this characteristic gives. */
  maxPoints: number;
}

export interface ReasonCode {
  code: string;
  text: LocalisedLabel;
  characteristic: string;
  /** Points lost against the characteristic's best bin. */
  pointsBelowMax: number;
}

export interface ScoreResult {
  /** Sum of the bins' points, rounded to a whole point. */
  score: number;
  /** Probability of default implied by the score: 1 / (1 + odds), odds = exp((score − offset)/factor). */
  probabilityOfDefault: number;
  characteristics: CharacteristicResult[];
  /** Up to four reasons: the characteristics with the most points below their maximum (ties: model order). */
  reasons: ReasonCode[];
}

/** Every raw input a derivation reads. */
export function derivationInputs(d: Derivation): string[] {
  switch (d.op) {
    case 'input':
      return [d.name];
    case 'ratio':
      return [...derivationInputs(d.numerator), ...derivationInputs(d.denominator)];
    case 'difference':
      return [...derivationInputs(d.minuend), ...derivationInputs(d.subtrahend)];
    case 'sum':
    case 'max':
    case 'min':
    case 'mean':
    case 'countAbove':
      return d.of.flatMap(derivationInputs);
  }
}

/** The raw inputs a model reads, sorted and without repeats. */
export function modelInputs(model: ScorecardModel): string[] {
  return [...new Set(model.characteristics.flatMap((c) => derivationInputs(c.derivation)))].sort();
}

/**
 * Refuses (`RISK_MODEL_INVALID`) a model that reads a protected input. Called when a model is
 * compiled, so a model that would discriminate can never score anyone.
 */
export function assertNoProtectedInputs({
  model,
  protectedInputs = [],
}: {
  model: ScorecardModel;
  /** Further protected names beyond the model's own list (the platform's list). */
  protectedInputs?: readonly string[];
}): void {
  const banned = new Set([...model.protectedInputs, ...protectedInputs].map((s) => s.toLowerCase()));
  const hits = modelInputs(model).filter((name) => banned.has(name.toLowerCase()));
  if (hits.length > 0) {
    throw new AppError('RISK_MODEL_INVALID', `Model ${model.id} ${model.version} reads protected inputs`, {
      protectedInputs: hits,
    });
  }
}

type Value = number | string | null;
type Evaluator = (inputs: ScoringInputs) => Value;

function numeric(v: Value): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

function compileDerivation(d: Derivation, type: 'numeric' | 'categorical'): Evaluator {
  switch (d.op) {
    case 'input': {
      const name = d.name;
      if (type === 'categorical') {
        return (inputs) => {
          const v = inputs[name];
          return v === null || v === undefined || v === '' ? null : String(v);
        };
      }
      return (inputs) => numeric(inputs[name] ?? null);
    }
    case 'ratio': {
      const num = compileDerivation(d.numerator, 'numeric');
      const den = compileDerivation(d.denominator, 'numeric');
      return (inputs) => {
        const a = num(inputs) as number | null;
        const b = den(inputs) as number | null;
        return a === null || b === null || b === 0 ? null : a / b;
      };
    }
    case 'difference': {
      const a = compileDerivation(d.minuend, 'numeric');
      const b = compileDerivation(d.subtrahend, 'numeric');
      return (inputs) => {
        const x = a(inputs) as number | null;
        const y = b(inputs) as number | null;
        return x === null || y === null ? null : x - y;
      };
    }
    case 'sum':
    case 'max':
    case 'min':
    case 'mean':
    case 'countAbove': {
      const parts = d.of.map((p) => compileDerivation(p, 'numeric'));
      const op = d.op;
      const threshold = d.op === 'countAbove' ? d.threshold : 0;
      return (inputs) => {
        let acc = op === 'max' ? -Infinity : op === 'min' ? Infinity : 0;
        for (const part of parts) {
          const v = part(inputs) as number | null;
          if (v === null) return null;
          if (op === 'max') acc = v > acc ? v : acc;
          else if (op === 'min') acc = v < acc ? v : acc;
          else if (op === 'countAbove') acc += v > threshold ? 1 : 0;
          else acc += v;
        }
        return op === 'mean' ? acc / parts.length : acc;
      };
    }
  }
}

interface CompiledCharacteristic {
  source: Characteristic;
  evaluate: Evaluator;
  /** Index of the bin for a value. */
  binOf: (v: Value) => number;
  points: Float64Array;
  maxPoints: number;
  /** Range bins' upper bounds in ascending order (numeric characteristics; +∞ for the open end). */
  rangeUppers: Float64Array;
  /** Bin index of each range bin. */
  rangeIndices: Int32Array;
  /** Whether the range bins tile the line (the batch path's search is then exact). */
  isRangeTiled: boolean;
  /** Categorical: bin index by category read as a number (only categories that are canonical numbers). */
  categoryNumbers: Map<number, number>;
  /** Index of the missing bin, −1 if none. */
  missingIndex: number;
  /**
   * Categorical with whole-number categories in a narrow range: points by (value − offset), the
   * missing bin's points (or NaN) for whole numbers that are no category.
   */
  denseCategories: { offset: number; points: Float64Array } | null;
}

function compileBins(c: Characteristic): (v: Value) => number {
  const missingIndex = c.bins.findIndex((b) => b.kind === 'missing');
  if (c.type === 'categorical') {
    const byValue = new Map<string, number>();
    c.bins.forEach((b, i) => {
      if (b.kind === 'categories') for (const v of b.values) byValue.set(v, i);
    });
    return (v) => {
      const i = v === null ? undefined : byValue.get(String(v));
      if (i !== undefined) return i;
      if (missingIndex >= 0) return missingIndex;
      throw new AppError('RISK_INPUT_INVALID', `No bin of ${c.name} holds the value`, {
        characteristic: c.name,
      });
    };
  }
  const ranges = c.bins
    .map((b, i) => ({ b, i }))
    .filter((x): x is { b: Bin & { kind: 'range' }; i: number } => x.b.kind === 'range');
  const lowers = ranges.map((r) => r.b.lower ?? -Infinity);
  const uppers = ranges.map((r) => r.b.upper ?? Infinity);
  const indices = ranges.map((r) => r.i);
  return (v) => {
    const x = typeof v === 'number' ? v : numeric(v);
    if (x === null) {
      if (missingIndex >= 0) return missingIndex;
      throw new AppError('RISK_INPUT_INVALID', `${c.name} is missing and the model has no bin for that`, {
        characteristic: c.name,
      });
    }
    for (let k = 0; k < uppers.length; k++) {
      if (x < uppers[k]! && x >= lowers[k]!) return indices[k]!;
    }
    throw new AppError('RISK_INPUT_INVALID', `No bin of ${c.name} holds the value`, {
      characteristic: c.name,
    });
  };
}

/**
 * The range bins sorted by lower bound, for the batch path, and whether they tile the line (open at
 * both ends, each upper bound the next lower bound). Only then is the batch path's sorted search the
 * same as the per-applicant rule (the first bin in model order that holds the value); otherwise the
 * batch path asks that rule row by row.
 */
function rangeTable(c: Characteristic): {
  rangeUppers: Float64Array;
  rangeIndices: Int32Array;
  isRangeTiled: boolean;
} {
  const ranges = c.bins
    .map((b, i) => ({ b, i }))
    .filter((x): x is { b: Bin & { kind: 'range' }; i: number } => x.b.kind === 'range')
    .sort((x, y) => (x.b.lower ?? -Infinity) - (y.b.lower ?? -Infinity));
  const isRangeTiled =
    ranges.length > 0 &&
    ranges[0]!.b.lower === null &&
    ranges[ranges.length - 1]!.b.upper === null &&
    ranges.every((r, k) => k === 0 || r.b.lower === ranges[k - 1]!.b.upper);
  return {
    rangeUppers: Float64Array.from(ranges, (r) => r.b.upper ?? Infinity),
    rangeIndices: Int32Array.from(ranges, (r) => r.i),
    isRangeTiled,
  };
}

function categoryNumbers(c: Characteristic): Map<number, number> {
  const map = new Map<number, number>();
  c.bins.forEach((b, i) => {
    if (b.kind !== 'categories') return;
    for (const v of b.values) {
      const x = Number(v);
      if (v.trim() !== '' && String(x) === v) map.set(x, i);
    }
  });
  return map;
}

function denseCategories(
  c: Characteristic,
  points: Float64Array,
): { offset: number; points: Float64Array } | null {
  if (c.type !== 'categorical') return null;
  const byNumber = categoryNumbers(c);
  const keys = [...byNumber.keys()];
  if (keys.length === 0 || !keys.every((k) => Number.isInteger(k) && !Object.is(k, -0))) return null;
  const offset = Math.min(...keys);
  const width = Math.max(...keys) - offset + 1;
  if (width > 4096) return null;
  const missingIndex = c.bins.findIndex((b) => b.kind === 'missing');
  const table = new Float64Array(width).fill(missingIndex >= 0 ? points[missingIndex]! : NaN);
  for (const [k, i] of byNumber) table[k - offset] = points[i]!;
  return { offset, points: table };
}

export interface CompiledScorecard {
  model: ScorecardModel;
  /** The score alone (no explanation): the fast path for batch scoring. */
  score(inputs: ScoringInputs): number;
  /** Score, PD, every characteristic's value, bin and points, and the top four reason codes. */
  explain(inputs: ScoringInputs): ScoreResult;
  /** PD for a score on this model's scale. */
  probabilityOfDefault(score: number): number;
  /**
   * Scores many applicants at once from columns (the batch path: no objects per applicant). Returns
   * the same scores as `score` would, row by row. Throws `RISK_INPUT_INVALID` like `score`.
   */
  scoreColumns(columns: ColumnarInputs): Float64Array;
}

/**
 * Raw inputs by column: numbers (NaN = missing) or strings (null = missing), all of one length.
 * `rows` gives the length when no column is read.
 */
export interface ColumnarInputs {
  rows: number;
  columns: ReadonlyMap<string, Float64Array | readonly (string | null)[]>;
}

/**
 * A derivation evaluated over columns, with exactly the rules of the per-applicant path: numeric
 * results as numbers (NaN = missing), categorical ones as strings (null = missing). A column that is
 * not there is missing throughout.
 */
export function deriveColumn({
  derivation,
  type,
  inputs,
}: {
  derivation: Derivation;
  type: 'numeric' | 'categorical';
  inputs: ColumnarInputs;
}): Float64Array | (string | null)[] {
  const n = inputs.rows;
  if (type === 'categorical') {
    if (derivation.op === 'input') {
      const col = inputs.columns.get(derivation.name);
      const out: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const v = col ? col[i] : null;
        out[i] =
          v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))
            ? null
            : String(v);
      }
      return out;
    }
    const nums = deriveNumeric(derivation, inputs);
    return Array.from(nums, (v) => (Number.isNaN(v) ? null : String(v)));
  }
  return deriveNumeric(derivation, inputs);
}

/**
 * A numeric derivation over columns. May return an input column itself (callers only read the
 * result); every operation writes a fresh array.
 */
function deriveNumeric(
  d: Derivation,
  inputs: ColumnarInputs,
  /** Input columns already checked, by name (one check per column per call). */
  seen: Map<string, Float64Array> = new Map(),
): Float64Array {
  const n = inputs.rows;
  switch (d.op) {
    case 'input': {
      const known = seen.get(d.name);
      if (known) return known;
      const col = inputs.columns.get(d.name);
      if (col instanceof Float64Array && col.length === n) {
        let isClean = true;
        for (let i = 0; i < n; i++) {
          const v = col[i]!;
          if (v - v !== 0 && v === v) {
            isClean = false; // ±Infinity: missing, as on the per-applicant path
            break;
          }
        }
        const clean = isClean ? col : Float64Array.from(col, (v) => (Number.isFinite(v) ? v : NaN));
        seen.set(d.name, clean);
        return clean;
      }
      const out = new Float64Array(n).fill(NaN);
      if (col) for (let i = 0; i < n; i++) out[i] = numeric(col[i] ?? null) ?? NaN;
      return out;
    }
    case 'ratio': {
      const a = deriveNumeric(d.numerator, inputs, seen);
      const b = deriveNumeric(d.denominator, inputs, seen);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = b[i] === 0 ? NaN : a[i]! / b[i]!;
      return out;
    }
    case 'difference': {
      const a = deriveNumeric(d.minuend, inputs, seen);
      const b = deriveNumeric(d.subtrahend, inputs, seen);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!;
      return out;
    }
    case 'sum':
    case 'mean': {
      const out = new Float64Array(n);
      for (const p of d.of) {
        const part = deriveNumeric(p, inputs, seen);
        for (let i = 0; i < n; i++) out[i] = out[i]! + part[i]!; // NaN stays NaN: missing
      }
      if (d.op === 'mean') for (let i = 0; i < n; i++) out[i] = out[i]! / d.of.length;
      return out;
    }
    case 'max':
    case 'min': {
      const isMax = d.op === 'max';
      const out = new Float64Array(n).fill(isMax ? -Infinity : Infinity);
      for (const p of d.of) {
        const part = deriveNumeric(p, inputs, seen);
        for (let i = 0; i < n; i++) {
          const v = part[i]!;
          const o = out[i]!;
          if (v !== v) out[i] = NaN;
          else if (isMax ? v > o : v < o) out[i] = v; // o NaN: comparisons fail, stays NaN
        }
      }
      return out;
    }
    case 'countAbove': {
      const out = new Float64Array(n);
      const threshold = d.threshold;
      for (const p of d.of) {
        const part = deriveNumeric(p, inputs, seen);
        for (let i = 0; i < n; i++) {
          const v = part[i]!;
          out[i] = v !== v ? NaN : out[i]! + (v > threshold ? 1 : 0);
        }
      }
      return out;
    }
  }
}

/**
 * Compiles a model into a scorer (bins become arrays, derivations closures). Refuses a model that reads
 * a protected input. Pure: the same model and inputs always give the same result.
 */
export function compileScorecard({
  model,
  protectedInputs = [],
}: {
  model: ScorecardModel;
  protectedInputs?: readonly string[];
}): CompiledScorecard {
  assertNoProtectedInputs({ model, protectedInputs });
  const compiled: CompiledCharacteristic[] = model.characteristics.map((c) => {
    const points = Float64Array.from(c.bins.map((b) => b.points));
    return {
      source: c,
      evaluate: compileDerivation(c.derivation, c.type),
      binOf: compileBins(c),
      points,
      maxPoints: Math.max(...points),
      ...rangeTable(c),
      categoryNumbers: categoryNumbers(c),
      missingIndex: c.bins.findIndex((b) => b.kind === 'missing'),
      denseCategories: denseCategories(c, points),
    };
  });
  const factor = model.scaling.pdo / Math.LN2;
  const offset = model.scaling.baseScore - factor * Math.log(model.scaling.baseOdds);
  const probabilityOfDefault = (score: number) => 1 / (1 + Math.exp((score - offset) / factor));

  const scorer: CompiledScorecard = {
    model,
    probabilityOfDefault,
    scoreColumns(inputs) {
      // Chunks of rows small enough that every intermediate column stays in cache.
      const chunk = 4096;
      if (inputs.rows > chunk) {
        const all = new Float64Array(inputs.rows);
        for (let start = 0; start < inputs.rows; start += chunk) {
          const end = Math.min(inputs.rows, start + chunk);
          const columns = new Map<string, Float64Array | readonly (string | null)[]>();
          for (const [name, col] of inputs.columns)
            columns.set(name, col instanceof Float64Array ? col.subarray(start, end) : col.slice(start, end));
          all.set(scorer.scoreColumns({ rows: end - start, columns }), start);
        }
        return all;
      }
      const totals = new Float64Array(inputs.rows);
      const seen = new Map<string, Float64Array>();
      for (const c of compiled) {
        const points = c.points;
        const d = c.source.derivation;
        const isNumericValued =
          c.source.type === 'numeric' ||
          d.op !== 'input' ||
          inputs.columns.get(d.name) instanceof Float64Array;
        if (!isNumericValued) {
          const values = deriveColumn({ derivation: d, type: 'categorical', inputs });
          for (let i = 0; i < values.length; i++) totals[i] = totals[i]! + points[c.binOf(values[i]!)]!;
          continue;
        }
        const values = deriveNumeric(d, inputs, seen);
        if (c.source.type === 'categorical') {
          // Categories of numbers looked up by number: String(x) names the same category on the
          // per-applicant path.
          const byNumber = c.categoryNumbers;
          const missingPoints = c.missingIndex >= 0 ? points[c.missingIndex]! : NaN;
          const dense = c.denseCategories;
          for (let i = 0; i < values.length; i++) {
            const x = values[i]!;
            let p: number;
            if (dense) {
              const slot = x - dense.offset;
              // Whole numbers in the table's range by direct index; anything else is not a category.
              p =
                slot >= 0 && slot < dense.points.length && slot === Math.floor(slot)
                  ? dense.points[slot]!
                  : missingPoints;
            } else {
              const k = byNumber.get(x);
              p = k === undefined ? missingPoints : points[k]!;
            }
            if (p !== p) c.binOf(x !== x ? null : x); // throws: no bin
            totals[i] = totals[i]! + p;
          }
          continue;
        }
        const uppers = c.rangeUppers;
        const last = uppers.length - 1;
        for (let i = 0; i < values.length; i++) {
          const x = values[i]!;
          if (x !== x || !c.isRangeTiled) {
            totals[i] = totals[i]! + points[c.binOf(x !== x ? null : x)]!;
            continue;
          }
          let k = 0;
          while (k < last && x >= uppers[k]!) k++;
          totals[i] = totals[i]! + points[c.rangeIndices[k]!]!;
        }
      }
      for (let i = 0; i < totals.length; i++) totals[i] = Math.round(totals[i]!);
      return totals;
    },
    score(inputs) {
      let total = 0;
      for (const c of compiled) total += c.points[c.binOf(c.evaluate(inputs))]!;
      return Math.round(total);
    },
    explain(inputs) {
      let total = 0;
      const characteristics: CharacteristicResult[] = compiled.map((c) => {
        const value = c.evaluate(inputs);
        const binIndex = c.binOf(value);
        const points = c.points[binIndex]!;
        total += points;
        return {
          name: c.source.name,
          label: c.source.label,
          value,
          binIndex,
          binLabel: c.source.bins[binIndex]!.label,
          points,
          maxPoints: c.maxPoints,
        };
      });
      const score = Math.round(total);
      const reasons = characteristics
        .map((r, i) => ({ r, i, lost: round2(r.maxPoints - r.points) }))
        .filter((x) => x.lost > 0)
        .sort((a, b) => b.lost - a.lost || a.i - b.i)
        .slice(0, 4)
        .map(({ r, i, lost }) => ({
          code: compiled[i]!.source.reason.code,
          text: compiled[i]!.source.reason.text,
          characteristic: r.name,
          pointsBelowMax: lost,
        }));
      return { score, probabilityOfDefault: probabilityOfDefault(score), characteristics, reasons };
    },
  };
  return scorer;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
