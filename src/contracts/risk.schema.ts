import Type, { type Static } from 'typebox';
import { IsoDateTime, LocalisedText, Text, Uuid, YuanString } from './common.schema';
import { RuleResult } from './applications.schema';

const strict = { additionalProperties: false } as const;

export const riskGrades = ['A', 'B', 'C', 'D', 'E'] as const;
export const RiskGrade = Type.Enum(riskGrades);
export type RiskGrade = Static<typeof RiskGrade>;

/** What the model recommends to the officer (建议): approve, refer to a person, decline. */
export const riskRecommendations = ['approve', 'refer', 'decline'] as const;
export const RiskRecommendation = Type.Enum(riskRecommendations);
export type RiskRecommendation = Static<typeof RiskRecommendation>;

/** Why an officer overrides the model (人工调整原因). */
export const overrideReasonCodes = [
  'site_visit', // 实地走访结论
  'interview_finding', // 面谈结论
  'documents_verified', // 线下核实材料
  'additional_collateral', // 追加担保或抵押
  'adverse_information', // 不利信息
  'relationship_history', // 本行往来记录
  'other',
] as const;
export const OverrideReasonCode = Type.Enum(overrideReasonCodes);

export const CharacteristicView = Type.Object(
  {
    name: Type.String(),
    label: LocalisedText,
    /** The applicant's value (numbers as numbers, categories as strings), null when missing. */
    value: Type.Union([Type.Number(), Type.String(), Type.Null()]),
    binLabel: Type.String(),
    points: Type.Number(),
    maxPoints: Type.Number(),
  },
  strict,
);

export const ReasonCodeView = Type.Object(
  {
    code: Type.String(),
    text: LocalisedText,
    characteristic: Type.String(),
    pointsBelowMax: Type.Number(),
  },
  strict,
);

export const OverrideView = Type.Object(
  {
    decision: RiskRecommendation,
    reasonCode: OverrideReasonCode,
    text: Type.String(),
    byRole: Type.String(),
    at: IsoDateTime,
  },
  strict,
);

/** A credit bureau report's summary as shown to staff (no raw personal data beyond what is needed). */
export const BureauSummaryView = Type.Object(
  {
    provider: Type.String(),
    reportId: Type.String(),
    retrievedAt: IsoDateTime,
    /** SHA-256 of the bureau's response as received. */
    responseSha256: Type.String(),
    facts: Type.Array(Type.Object({ label: LocalisedText, value: Type.String() }, strict)),
  },
  strict,
);

export const ModelCurvesView = Type.Object(
  {
    roc: Type.Array(Type.Object({ fpr: Type.Number(), tpr: Type.Number() }, strict)),
    ks: Type.Array(
      Type.Object(
        { score: Type.Number(), cumulativeBad: Type.Number(), cumulativeGood: Type.Number() },
        strict,
      ),
    ),
    scoreHistogram: Type.Object(
      { edges: Type.Array(Type.Number()), counts: Type.Array(Type.Integer()) },
      strict,
    ),
    holdout: Type.Object(
      { n: Type.Integer(), auc: Type.Number(), ks: Type.Number(), gini: Type.Number() },
      strict,
    ),
  },
  strict,
);

/** The risk report for one application (风险报告). */
export const RiskAssessmentView = Type.Object(
  {
    id: Uuid,
    applicationId: Uuid,
    assessedAt: IsoDateTime,
    model: Type.Object(
      {
        id: Type.String(),
        version: Type.String(),
        kind: Type.Enum(['trained', 'expert'] as const),
        label: LocalisedText,
        /** Trained models: ROC, KS and the score distribution on validation data; expert models: null. */
        curves: Type.Union([ModelCurvesView, Type.Null()]),
      },
      strict,
    ),
    policyVersion: Type.String(),
    /** SHA-256 of the canonical JSON of the model's inputs. */
    inputsSha256: Type.String(),
    score: Type.Integer(),
    probabilityOfDefault: Type.Number(),
    grade: RiskGrade,
    recommendation: RiskRecommendation,
    /** Risk-based limit and price, bounded by the product's rules. */
    recommendedLimit: YuanString,
    recommendedAnnualRate: Type.String({ description: 'Decimal fraction, e.g. "0.0650"' }),
    reasons: Type.Array(ReasonCodeView),
    characteristics: Type.Array(CharacteristicView),
    screening: Type.Array(RuleResult),
    bureau: Type.Union([BureauSummaryView, Type.Null()]),
    override: Type.Union([OverrideView, Type.Null()]),
    /** The recommendation after any override. */
    finalRecommendation: RiskRecommendation,
  },
  strict,
);
export type RiskAssessmentView = Static<typeof RiskAssessmentView>;

export const OverrideBody = Type.Object(
  {
    decision: RiskRecommendation,
    reasonCode: OverrideReasonCode,
    text: Text(1000),
  },
  strict,
);
export type OverrideBody = Static<typeof OverrideBody>;

export const MetricSet = Type.Object(
  { n: Type.Integer(), auc: Type.Number(), ks: Type.Number(), gini: Type.Number() },
  strict,
);

export const FairnessGroupView = Type.Object(
  {
    attribute: Type.Enum(['sex', 'age_band'] as const),
    group: Type.String(),
    n: Type.Integer(),
    approvalRate: Type.Number(),
    /** Share of the group's good payers who are approved (for equal opportunity). */
    truePositiveRate: Type.Union([Type.Number(), Type.Null()]),
    /** This group's approval rate / the most approved group's. */
    disparateImpact: Type.Number(),
    /** This group's true-positive rate − the reference group's. */
    equalOpportunityDifference: Type.Union([Type.Number(), Type.Null()]),
  },
  strict,
);

export const RiskAlertView = Type.Object(
  {
    code: Type.Enum(['disparate_impact_low', 'population_unstable'] as const),
    modelId: Type.String(),
    message: LocalisedText,
    value: Type.Number(),
    threshold: Type.Number(),
  },
  strict,
);
export type RiskAlertView = Static<typeof RiskAlertView>;

/** One model's report: metrics, challenger, fairness on validation data and live, stability. */
export const ModelReportView = Type.Object(
  {
    id: Type.String(),
    version: Type.String(),
    kind: Type.Enum(['trained', 'expert'] as const),
    label: LocalisedText,
    holdout: Type.Union([MetricSet, Type.Null()]),
    crossValidatedAuc: Type.Union([Type.Number(), Type.Null()]),
    challenger: Type.Union([
      Type.Object(
        {
          kind: Type.String(),
          holdout: MetricSet,
          crossValidatedAuc: Type.Number(),
          /** The recorded rationale, in English as the trainer wrote it. */
          decision: Type.String(),
          /** Is the challenger kept out? (not better, or less consistent than the scorecard) */
          isScorecardKept: Type.Boolean(),
          /** Per record change: shares of hold-out applicants whose PD moves the wrong way by > 1 point. */
          consistency: Type.Array(
            Type.Object(
              {
                label: LocalisedText,
                applicants: Type.Integer(),
                challengerWrongShare: Type.Number(),
                scorecardWrongShare: Type.Number(),
              },
              strict,
            ),
          ),
        },
        strict,
      ),
      Type.Null(),
    ]),
    characteristics: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          label: LocalisedText,
          informationValue: Type.Union([Type.Number(), Type.Null()]),
          bins: Type.Array(
            Type.Object(
              {
                label: Type.String(),
                points: Type.Number(),
                badRate: Type.Union([Type.Number(), Type.Null()]),
              },
              strict,
            ),
          ),
        },
        strict,
      ),
    ),
    /** Fairness on the validation data at the policy's approve cutoff (trained models). */
    validationFairness: Type.Array(FairnessGroupView),
    /** Fairness of live recommendations so far. */
    liveFairness: Type.Array(FairnessGroupView),
    liveAssessments: Type.Integer(),
    /** Population stability index of live scores against the validation distribution; null with too few. */
    populationStabilityIndex: Type.Union([Type.Number(), Type.Null()]),
    overrideRate: Type.Union([Type.Number(), Type.Null()]),
  },
  strict,
);
export type ModelReportView = Static<typeof ModelReportView>;

export const RiskMonitoringView = Type.Object(
  {
    models: Type.Array(ModelReportView),
    alerts: Type.Array(RiskAlertView),
    overrides: Type.Object(
      {
        assessments: Type.Integer(),
        overridden: Type.Integer(),
        rate: Type.Union([Type.Number(), Type.Null()]),
        byReason: Type.Array(Type.Object({ reasonCode: OverrideReasonCode, count: Type.Integer() }, strict)),
      },
      strict,
    ),
  },
  strict,
);
export type RiskMonitoringView = Static<typeof RiskMonitoringView>;
