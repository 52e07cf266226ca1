import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvTable, type Table } from './csv-table';
import { compileScorecard } from './score-applicant';
import { mulberry32 } from './stratified-split';
import { binPoints, trainScorecard } from './train-scorecard';

/** The shared credit data: MIANQIAN_CREDIT_DIR, /work/shared/data/credit, or ../shared/data/credit. */
function creditDir(): string {
  const candidates = [
    process.env.MIANQIAN_CREDIT_DIR,
    '/work/shared/data/credit',
    resolve(import.meta.dirname, '../../../../shared/data/credit'),
  ].filter((d): d is string => !!d);
  const found = candidates.find((d) => existsSync(join(d, 'german_credit.csv')));
  if (!found) throw new Error(`The credit data were not found (looked in ${candidates.join(', ')})`);
  return found;
}

describe('binPoints (scaling)', () => {
  const scaling = { baseScore: 600, baseOdds: 50, pdo: 20 };
  it('gives 600 points at odds 50:1 and 20 more for doubled odds', () => {
    // log-odds of bad = intercept at WOE 0: odds good:bad 50 ↔ intercept −ln 50
    const at = (odds: number) =>
      binPoints({ coefficient: -1, woe: 0, intercept: -Math.log(odds), characteristics: 1, scaling });
    expect(at(50)).toBeCloseTo(600, 2);
    expect(at(100)).toBeCloseTo(620, 2);
    expect(at(25)).toBeCloseTo(580, 2);
  });

  it('splits the score over characteristics so points sum to offset + factor·ln(odds)', () => {
    const factor = 20 / Math.LN2;
    const offset = 600 - factor * Math.log(50);
    const intercept = -1.2;
    const parts = [
      { coefficient: -0.8, woe: 0.5 },
      { coefficient: -0.5, woe: -0.3 },
      { coefficient: -1.1, woe: 0.2 },
    ];
    const total = parts.reduce(
      (s, p) => s + binPoints({ ...p, intercept, characteristics: parts.length, scaling }),
      0,
    );
    const logOddsBad = intercept + parts.reduce((s, p) => s + p.coefficient * p.woe, 0);
    expect(total).toBeCloseTo(offset - factor * logOddsBad, 1);
  });
});

function syntheticTable(n: number): Table {
  const random = mulberry32(3);
  const x = new Float64Array(n);
  const noise = new Float64Array(n);
  const sex = new Float64Array(n);
  const y = new Float64Array(n);
  const grade: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    x[i] = random() * 10;
    noise[i] = random();
    sex[i] = random() < 0.5 ? 1 : 2;
    const g = ['A', 'B', 'C'][Math.floor(random() * 3)]!;
    grade.push(random() < 0.05 ? null : g);
    const logit = -2 + 0.3 * x[i]! + (g === 'C' ? 1 : 0);
    y[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return {
    header: ['x', 'noise', 'SEX', 'grade', 'y'],
    rows: n,
    columns: new Map([
      ['x', { name: 'x', kind: 'numeric', values: x }],
      ['noise', { name: 'noise', kind: 'numeric', values: noise }],
      ['SEX', { name: 'SEX', kind: 'numeric', values: sex }],
      ['grade', { name: 'grade', kind: 'categorical', values: grade }],
      ['y', { name: 'y', kind: 'numeric', values: y }],
    ]),
  };
}

const common = {
  id: 't',
  version: '1',
  label: { 'zh-CN': '测试', en: 'test' },
  dataSha256: 'ab'.repeat(32),
};

describe('trainScorecard', () => {
  it('selects informative characteristics, never the protected ones, and records validation', () => {
    const table = syntheticTable(4000);
    const model = trainScorecard({
      ...common,
      table,
      target: 'y',
      protectedInputs: ['SEX'],
      fairness: [{ attribute: 'sex', column: 'SEX' }],
    });
    const names = model.characteristics.map((c) => c.name);
    expect(names).toContain('x');
    expect(names).toContain('grade');
    expect(names).not.toContain('SEX');
    expect(names).not.toContain('noise');
    expect(model.training!.selection.find((s) => s.name === 'noise')!.selected).toBe(false);
    expect(model.characteristics.every((c) => c.coefficient < 0)).toBe(true);
    const v = model.validation!;
    expect(v.crossValidation.auc).toHaveLength(5);
    expect(v.holdout.n).toBe(1200);
    expect(v.holdout.auc).toBeGreaterThan(0.65);
    expect(v.fairness!.groups.map((g) => g.group).sort()).toEqual(['female', 'male']);
    expect(v.roc.length).toBeLessThanOrEqual(101);
    // points of an applicant's bins add up to the score the scorer reports
    const scorer = compileScorecard({ model, protectedInputs: ['SEX'] });
    const r = scorer.explain({ x: 7.5, grade: 'C' });
    expect(Math.abs(r.characteristics.reduce((s, c) => s + c.points, 0) - r.score)).toBeLessThanOrEqual(0.5);
    expect(scorer.explain({ x: 7.5, grade: 'never seen' }).score).toBeGreaterThan(0);
  });

  it('keeps the scorecard when a better challenger would contradict applicants’ records more often', () => {
    const table = syntheticTable(4000);
    const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
    // Challengers that know the true risk of x; the inconsistent one also rates x in [4, 4.5) as
    // riskier than x in [5, 5.5): raising x by one lowers its PD for a twentieth of the applicants.
    const challenger = (isConsistent: boolean) => ({
      kind: 'oracle',
      isExplainable: true,
      train: ({ featureNames }: { featureNames: string[] }) => {
        const xAt = featureNames.indexOf('x');
        const gradeAt = featureNames.indexOf('grade'); // as its bin's WOE: ln(%good / %bad)
        return (row: ArrayLike<number>) => {
          const x = row[xAt]!;
          const isGradeC = row[gradeAt]! < -0.3; // C is the one risky grade
          return sigmoid(-2 + 0.3 * (!isConsistent && x >= 4 && x < 4.5 ? x + 1.2 : x) + (isGradeC ? 1 : 0));
        };
      },
    });
    const checks = [
      {
        label: { 'zh-CN': 'x 加一', en: 'x one higher' },
        input: 'x',
        change: (x: number) => x + 1,
        isWorse: true,
      },
    ];
    const train = (isConsistent: boolean) =>
      trainScorecard({
        ...common,
        table,
        target: 'y',
        protectedInputs: ['SEX'],
        challenger: challenger(isConsistent),
        consistencyChecks: checks,
      }).validation!.challenger!;

    const consistent = train(true);
    expect(consistent.decision).toMatch(/meets both conditions to replace the scorecard/);
    expect(consistent.consistency).toEqual([
      expect.objectContaining({ check: 'x one higher', challengerWrongShare: 0 }),
    ]);
    const inconsistent = train(false);
    const [measured] = inconsistent.consistency!;
    expect(measured!.challengerWrongShare).toBeGreaterThan(0.03);
    expect(measured!.challengerWrongShare).toBeGreaterThan(measured!.scorecardWrongShare);
    expect(inconsistent.decision).toMatch(/^The scorecard stays the decision model/);
    expect(inconsistent.decision).toContain('x one higher');
  });

  it('refuses a derived characteristic that reads a protected column', () => {
    expect(() =>
      trainScorecard({
        ...common,
        table: syntheticTable(500),
        target: 'y',
        protectedInputs: ['SEX'],
        derived: [
          {
            name: 'sneaky',
            type: 'numeric',
            derivation: {
              op: 'ratio',
              numerator: { op: 'input', name: 'x' },
              denominator: { op: 'input', name: 'SEX' },
            },
          },
        ],
      }),
    ).toThrow(/SEX/);
  });

  it('reaches a 5-fold CV AUC of at least 0.78 on German credit without the protected columns', () => {
    const table = parseCsvTable({ text: readFileSync(join(creditDir(), 'german_credit.csv'), 'utf8') });
    const model = trainScorecard({
      ...common,
      table,
      target: 'bad',
      protectedInputs: ['personal_status_sex', 'foreign_worker', 'age_years'],
      fairness: [{ attribute: 'age_band', column: 'age_years' }],
    });
    expect(model.validation!.crossValidation.meanAuc).toBeGreaterThanOrEqual(0.78);
    const inputs = model.characteristics.map((c) => c.name);
    for (const p of ['personal_status_sex', 'foreign_worker', 'age_years']) expect(inputs).not.toContain(p);
    expect(model.validation!.fairness!.groups.every((g) => g.attribute === 'age_band')).toBe(true);
  });
});
