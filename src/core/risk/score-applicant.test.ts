import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { parseCsvTable } from './csv-table';
import { compileScorecard, modelInputs, type ScoringInputs } from './score-applicant';
import { scorecardFormat, type Characteristic, type ScorecardModel } from './scorecard-model';

function characteristic(name: string, points: number[], code: string): Characteristic {
  return {
    name,
    label: { 'zh-CN': name, en: name },
    type: 'numeric',
    derivation: { op: 'input', name },
    bins: points.map((p, i) => ({
      kind: 'range',
      lower: i === 0 ? null : i,
      upper: i === points.length - 1 ? null : i + 1,
      label: String(i),
      count: 0,
      badRate: null,
      woe: 0,
      points: p,
    })),
    coefficient: 1,
    informationValue: null,
    reason: { code, text: { 'zh-CN': `${name} 原因`, en: `${name} reason` } },
  };
}

function model(characteristics: Characteristic[], protectedInputs: string[] = []): ScorecardModel {
  return {
    format: scorecardFormat,
    id: 'test',
    version: '1',
    kind: 'expert',
    label: { 'zh-CN': '测试', en: 'test' },
    scaling: { baseScore: 600, baseOdds: 50, pdo: 20 },
    intercept: 0,
    characteristics,
    protectedInputs,
    training: null,
    validation: null,
  };
}

describe('compileScorecard', () => {
  const m = model([
    characteristic('a', [100, 90], 'R01'), // bin 1 loses 10
    characteristic('b', [120, 80], 'R02'), // bin 1 loses 40
    characteristic('c', [50, 45], 'R03'), // bin 1 loses 5
    characteristic('d', [70, 40], 'R04'), // bin 1 loses 30
    characteristic('e', [60, 40], 'R05'), // bin 1 loses 20
  ]);
  const scorer = compileScorecard({ model: m });

  it('adds the bins’ points into the score and gives the top four reasons by points below the maximum', () => {
    const r = scorer.explain({ a: 1, b: 1, c: 1, d: 1, e: 1 });
    expect(r.score).toBe(90 + 80 + 45 + 40 + 40);
    expect(r.characteristics.reduce((s, c) => s + c.points, 0)).toBe(r.score);
    expect(r.reasons.map((x) => x.code)).toEqual(['R02', 'R04', 'R05', 'R01']);
    expect(r.reasons[0]!.pointsBelowMax).toBe(40);
    expect(scorer.explain({ a: 0, b: 0, c: 0, d: 0, e: 0 }).reasons).toEqual([]);
  });

  it('maps scores to PD on the scale: 600 ↔ 50:1, +20 points doubles the odds', () => {
    expect(scorer.probabilityOfDefault(600)).toBeCloseTo(1 / 51, 12);
    expect(scorer.probabilityOfDefault(620)).toBeCloseTo(1 / 101, 12);
  });

  it('scores columns exactly as it scores one applicant at a time', () => {
    const rows = 200;
    const cols = ['a', 'b', 'c', 'd', 'e'].map(
      (n, k) => [n, Float64Array.from({ length: rows }, (_, i) => ((i >> k) & 1) * 1.5 - 0.2)] as const,
    );
    const batch = scorer.scoreColumns({ rows, columns: new Map(cols) });
    for (let i = 0; i < rows; i++) {
      const inputs = Object.fromEntries(cols.map(([n, v]) => [n, v[i]!]));
      expect(batch[i]).toBe(scorer.score(inputs));
    }
  });

  it('falls back to the per-applicant rule in batch when ranges leave a gap', () => {
    const gap = characteristic('g', [10, 20], 'R09');
    gap.bins[0] = { ...gap.bins[0]!, kind: 'range', lower: null, upper: 1 };
    gap.bins[1] = { ...gap.bins[1]!, kind: 'range', lower: 2, upper: null };
    const s = compileScorecard({ model: model([gap]) });
    const batch = s.scoreColumns({ rows: 2, columns: new Map([['g', Float64Array.from([0, 3])]]) });
    expect(Array.from(batch)).toEqual([s.score({ g: 0 }), s.score({ g: 3 })]);
    expect(() => s.score({ g: 1.5 })).toThrow(/No bin/);
    expect(() => s.scoreColumns({ rows: 1, columns: new Map([['g', Float64Array.from([1.5])]]) })).toThrow(
      /No bin/,
    );
  });

  it('refuses a model that reads a protected input (its own list or the platform’s)', () => {
    const reading = model([characteristic('SEX', [1, 2], 'R01')], ['SEX']);
    expect(() => compileScorecard({ model: reading })).toThrow(/protected/);
    const sneaky = model([characteristic('sex', [1, 2], 'R01')]);
    let error: unknown;
    try {
      compileScorecard({ model: sneaky, protectedInputs: ['SEX'] });
    } catch (e) {
      error = e;
    }
    expect(isAppError(error, 'RISK_MODEL_INVALID')).toBe(true);
  });
});

describe('the shipped retail-taiwan model', () => {
  const path = fileURLToPath(new URL('../../../models/retail-taiwan.json', import.meta.url));

  it('reads none of SEX, MARRIAGE, AGE, lists them as protected, and compiles', () => {
    expect(existsSync(path)).toBe(true);
    const shipped = JSON.parse(readFileSync(path, 'utf8')) as ScorecardModel;
    const inputs = modelInputs(shipped).map((s) => s.toUpperCase());
    for (const p of ['SEX', 'MARRIAGE', 'AGE']) {
      expect(inputs).not.toContain(p);
      expect(shipped.protectedInputs).toContain(p);
    }
    expect(shipped.id).toBe('retail-taiwan');
    const scorer = compileScorecard({ model: shipped, protectedInputs: ['SEX', 'MARRIAGE', 'AGE'] });
    const codes = shipped.characteristics.map((c) => c.reason.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(shipped.validation!.crossValidation.meanAuc).toBeGreaterThanOrEqual(0.775);
    const r = scorer.explain({
      LIMIT_BAL: 50000,
      EDUCATION: 2,
      PAY_0: 2,
      PAY_2: 2,
      PAY_3: 0,
      PAY_4: 0,
      PAY_5: 0,
      PAY_6: 0,
      BILL_AMT1: 48000,
      BILL_AMT2: 47000,
      BILL_AMT3: 46000,
      BILL_AMT4: 30000,
      BILL_AMT5: 29000,
      BILL_AMT6: 28000,
      PAY_AMT1: 0,
      PAY_AMT2: 1000,
      PAY_AMT3: 1000,
      PAY_AMT4: 1000,
      PAY_AMT5: 1000,
      PAY_AMT6: 1000,
    });
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(Math.abs(r.characteristics.reduce((s, c) => s + c.points, 0) - r.score)).toBeLessThanOrEqual(0.5);
  });

  it('scores the Taiwan file in batch (chunked, categories by number) exactly as one applicant at a time', () => {
    const dirs = [process.env.MIANQIAN_CREDIT_DIR, '/work/shared/data/credit'].filter(
      (d): d is string => !!d,
    );
    const dir = dirs.find((d) => existsSync(`${d}/taiwan_default_train.csv`));
    if (!dir) throw new Error('The Taiwan credit data were not found; set MIANQIAN_CREDIT_DIR');
    const table = parseCsvTable({ text: readFileSync(`${dir}/taiwan_default_train.csv`, 'utf8') });
    const scorer = compileScorecard({ model: JSON.parse(readFileSync(path, 'utf8')) as ScorecardModel });
    const rows = 10_000;
    const columns = new Map(
      [...table.columns].map(([k, c]) => [k, (c.values as Float64Array).subarray(0, rows)]),
    );
    const batch = scorer.scoreColumns({ rows, columns });
    for (let i = 0; i < rows; i++) {
      const inputs: Record<string, number> = {};
      for (const [k, v] of columns) inputs[k] = v[i]!;
      expect(batch[i]).toBe(scorer.score(inputs as ScoringInputs));
    }
  });
});
