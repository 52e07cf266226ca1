import { randomUUID } from 'node:crypto';
import { decideRisk, riskPolicy2026v1 } from '../../src/core/risk/decision-policy';
import type { Bin, ScorecardModel } from '../../src/core/risk/scorecard-model';
import { findProduct, policy2026v1 } from '../../src/core/screening/policy';
import { prepareEvidence } from '../../src/features/ledger/prepare-evidence';
import { composeLedgerDeps } from '../../src/http/compose-deps';
import type { TestPlatform } from './test-platform';

const range = (lower: number | null, upper: number | null, points: number): Bin => ({
  kind: 'range',
  lower,
  upper,
  label: `[${lower ?? '-inf'}, ${upper ?? 'inf'})`,
  count: 100,
  badRate: 0.2,
  woe: 0,
  points,
});
const missing = (points: number): Bin => ({
  kind: 'missing',
  label: 'missing',
  count: 0,
  badRate: null,
  woe: 0,
  points,
});
const pay = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'].map((name) => ({
  op: 'input' as const,
  name,
}));

/**
 * A small hand-written retail scorecard over the Taiwan credit-card inputs, standing in for the
 * trained artifact (models/retail-taiwan.json) so these tests do not depend on training: worst delay
 * in six months, credit limit, latest payment / latest bill, education. Its validation block is made
 * up but shaped as the trainer writes it (curves, histogram, fairness, challenger).
 */
export const fixtureRetailModel: ScorecardModel = {
  format: 'mianqian-scorecard/1',
  id: 'retail-fixture',
  version: 'test.1',
  kind: 'trained',
  label: { 'zh-CN': '测试用零售评分卡', en: 'Test retail scorecard' },
  scaling: { baseScore: 600, baseOdds: 50, pdo: 20 },
  intercept: -1.2,
  protectedInputs: ['SEX', 'MARRIAGE', 'AGE'],
  characteristics: [
    {
      name: 'max_delay_6m',
      label: { 'zh-CN': '近 6 个月最长逾期', en: 'Worst delay, 6 months' },
      type: 'numeric',
      derivation: { op: 'max', of: pay },
      bins: [range(null, 1, 170), range(1, 2, 130), range(2, null, 90), missing(120)],
      coefficient: 1,
      informationValue: 0.8,
      reason: { code: 'R01', text: { 'zh-CN': '近期有逾期', en: 'Recent late payments' } },
    },
    {
      name: 'limit_bal',
      label: { 'zh-CN': '授信额度', en: 'Credit limit' },
      type: 'numeric',
      derivation: { op: 'input', name: 'LIMIT_BAL' },
      bins: [range(null, 50000, 130), range(50000, 200000, 145), range(200000, null, 160), missing(135)],
      coefficient: 1,
      informationValue: 0.18,
      reason: { code: 'R02', text: { 'zh-CN': '授信额度较低', en: 'Low credit limit' } },
    },
    {
      name: 'payment_ratio',
      label: { 'zh-CN': '最近还款 / 账单', en: 'Latest payment / bill' },
      type: 'numeric',
      derivation: {
        op: 'ratio',
        numerator: { op: 'input', name: 'PAY_AMT1' },
        denominator: { op: 'input', name: 'BILL_AMT1' },
      },
      bins: [range(null, 0.05, 130), range(0.05, 0.2, 145), range(0.2, null, 155), missing(150)],
      coefficient: 1,
      informationValue: 0.12,
      reason: { code: 'R03', text: { 'zh-CN': '还款比例低', en: 'Low share of the bill paid' } },
    },
    {
      name: 'education',
      label: { 'zh-CN': '教育程度', en: 'Education' },
      type: 'categorical',
      derivation: { op: 'input', name: 'EDUCATION' },
      bins: [
        {
          kind: 'categories',
          values: ['1', '2'],
          label: '1, 2',
          count: 100,
          badRate: 0.2,
          woe: 0,
          points: 150,
        },
        {
          kind: 'categories',
          values: ['0', '3', '4', '5', '6'],
          label: '0, 3-6',
          count: 100,
          badRate: 0.25,
          woe: 0,
          points: 140,
        },
        missing(140),
      ],
      coefficient: 1,
      informationValue: 0.03,
      reason: { code: 'R04', text: { 'zh-CN': '教育程度', en: 'Education' } },
    },
  ],
  training: null,
  validation: {
    holdout: { n: 4800, auc: 0.77, ks: 0.41, gini: 0.54 },
    crossValidation: { folds: 5, auc: [0.76, 0.77, 0.78, 0.77, 0.76], meanAuc: 0.768 },
    roc: [
      { fpr: 0, tpr: 0 },
      { fpr: 0.2, tpr: 0.6 },
      { fpr: 1, tpr: 1 },
    ],
    ks: [
      { score: 500, cumulativeBad: 0.5, cumulativeGood: 0.1 },
      { score: 600, cumulativeBad: 0.9, cumulativeGood: 0.6 },
    ],
    // Most hold-out scores in [600, 650): live applicants at 500–550 are a shifted population.
    scoreHistogram: { edges: [400, 450, 500, 550, 600, 650, 700], counts: [20, 40, 120, 400, 1400, 300] },
    fairness: {
      approveBelowPd: 0.1,
      groups: [
        {
          attribute: 'sex',
          group: 'male',
          n: 2000,
          approvalRate: 0.7,
          truePositiveRate: 0.8,
          disparateImpact: 0.97,
          equalOpportunityDifference: -0.01,
        },
        {
          attribute: 'sex',
          group: 'female',
          n: 2800,
          approvalRate: 0.72,
          truePositiveRate: 0.81,
          disparateImpact: 1,
          equalOpportunityDifference: 0,
        },
      ],
    },
    challenger: {
      kind: 'gradient-boosting',
      holdout: { n: 4800, auc: 0.78, ks: 0.42, gini: 0.56 },
      crossValidation: { folds: 5, auc: [0.77, 0.78, 0.79, 0.78, 0.77], meanAuc: 0.778 },
      qualifies: false,
      decision: 'The scorecard stays: +0.01 AUC does not pay for losing per-characteristic reasons.',
    },
  },
};

/** The same model, but reading SEX: it must never load. */
export const sexReadingModel: ScorecardModel = {
  ...fixtureRetailModel,
  id: 'reads-sex',
  characteristics: [
    ...fixtureRetailModel.characteristics,
    {
      name: 'sex',
      label: { 'zh-CN': '性别', en: 'Sex' },
      type: 'categorical',
      derivation: { op: 'input', name: 'SEX' },
      bins: [
        { kind: 'categories', values: ['1'], label: '1', count: 1, badRate: null, woe: 0, points: 10 },
        { kind: 'categories', values: ['2'], label: '2', count: 1, badRate: null, woe: 0, points: 20 },
        missing(0),
      ],
      coefficient: 1,
      informationValue: 0.01,
      reason: { code: 'R99', text: { 'zh-CN': '性别', en: 'Sex' } },
    },
  ],
  protectedInputs: [],
};

/**
 * Stores a risk assessment for an application the way the risk engine would, without scoring it:
 * the decision policy's grade and terms for `probabilityOfDefault`, its `risk.decision` ledger leaf,
 * no characteristics. For the tests that start at risk control.
 */
export async function storeRiskAssessment({
  platform: p,
  application,
  requestedAmount,
  probabilityOfDefault = 0.01,
  score = 700,
  actor = { accountId: null, role: 'system' },
  grade,
}: {
  platform: TestPlatform;
  application: { id: string; productCode: string };
  requestedAmount: string;
  probabilityOfDefault?: number;
  score?: number;
  actor?: { accountId: string | null; role: string };
  /** Written into the leaf's record (as the tests that choose a grade do). */
  grade?: string;
}): Promise<void> {
  const product = findProduct({ policy: policy2026v1, code: application.productCode })!;
  const decision = decideRisk({ policy: riskPolicy2026v1, probabilityOfDefault, requestedAmount, product });
  const at = new Date();
  const evidence = await prepareEvidence(composeLedgerDeps({ infra: p.infra, config: p.config }), {
    type: 'risk.decision',
    applicationId: application.id,
    actor,
    record: {
      kind: 'risk.assessment',
      applicationId: application.id,
      ...(grade === undefined ? {} : { grade }),
      at: at.toISOString(),
    },
    at,
  });
  await p.infra.risk.store.add({
    assessment: {
      id: randomUUID(),
      applicationId: application.id,
      model: { id: 'test', version: '1', kind: 'expert', label: { 'zh-CN': '测试', en: 'test' } },
      policyVersion: decision.policyVersion,
      inputsSha256: 'a'.repeat(64),
      score,
      probabilityOfDefault,
      grade: decision.grade,
      recommendation: decision.recommendation,
      recommendedLimit: decision.recommendedLimit,
      recommendedAnnualRate: decision.recommendedAnnualRate,
      reasons: [],
      characteristics: [],
      bureau: null,
      override: null,
      leafHash: evidence.leafHash.toString('hex'),
      assessedAt: at,
      lastRunAt: at,
    },
    monitoring: { sex: null, ageBand: null },
    evidence,
  });
}
