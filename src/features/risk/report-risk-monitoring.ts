import type { ModelReportView, RiskAlertView, RiskMonitoringView } from '../../contracts/risk.schema';
import { overrideReasonCodes } from '../../contracts/risk.schema';
import { fairnessByGroup, histogramCounts, populationStabilityIndex } from '../../core/risk/fairness';
import type { ScorecardModel } from '../../core/risk/scorecard-model';
import type { RiskDeps } from './risk-deps';
import type { MonitoringRow } from './risk-store.port';

type FairnessGroupView = ModelReportView['liveFairness'][number];

/** Live fairness of the final recommendations by sex and by age band; outcomes are not known yet (good = null). */
function liveFairness(rows: readonly MonitoringRow[]): FairnessGroupView[] {
  const out: FairnessGroupView[] = [];
  for (const attribute of ['sex', 'age_band'] as const) {
    const groups = fairnessByGroup({
      rows: rows.flatMap((r) => {
        const group = attribute === 'sex' ? r.sex : r.ageBand;
        return group === null ? [] : [{ group, approved: r.finalRecommendation === 'approve', good: null }];
      }),
    });
    for (const g of groups.sort((a, b) => a.group.localeCompare(b.group))) out.push({ attribute, ...g });
  }
  return out;
}

function modelReport(model: ScorecardModel, rows: readonly MonitoringRow[], minLive: number) {
  const v = model.validation;
  const histogram = v?.scoreHistogram;
  const psi =
    histogram && histogram.counts.length > 0 && rows.length >= minLive
      ? populationStabilityIndex({
          expected: histogram.counts,
          actual: histogramCounts({ edges: histogram.edges, scores: rows.map((r) => r.score) }),
        })
      : null;
  const overridden = rows.filter((r) => r.overrideReason !== null).length;
  const report: ModelReportView = {
    id: model.id,
    version: model.version,
    kind: model.kind,
    label: { ...model.label },
    holdout: v ? { ...v.holdout } : null,
    crossValidatedAuc: v ? v.crossValidation.meanAuc : null,
    challenger: v?.challenger
      ? {
          kind: v.challenger.kind,
          holdout: { ...v.challenger.holdout },
          crossValidatedAuc: v.challenger.crossValidation.meanAuc,
          decision: v.challenger.decision,
          isScorecardKept: !v.challenger.qualifies,
          consistency: (v.challenger.consistency ?? []).map((c) => ({
            label: { ...c.label },
            applicants: c.applicants,
            challengerWrongShare: c.challengerWrongShare,
            scorecardWrongShare: c.scorecardWrongShare,
          })),
        }
      : null,
    characteristics: model.characteristics.map((c) => ({
      name: c.name,
      label: { ...c.label },
      informationValue: c.informationValue,
      bins: c.bins.map((b) => ({ label: b.label, points: b.points, badRate: b.badRate })),
    })),
    validationFairness: (v?.fairness?.groups ?? []).map((g) => ({
      attribute: g.attribute,
      group: g.group,
      n: g.n,
      approvalRate: g.approvalRate,
      truePositiveRate: g.truePositiveRate,
      disparateImpact: g.disparateImpact,
      equalOpportunityDifference: g.equalOpportunityDifference,
    })),
    liveFairness: liveFairness(rows),
    liveAssessments: rows.length,
    populationStabilityIndex: psi,
    overrideRate: rows.length > 0 ? overridden / rows.length : null,
  };
  return report;
}

/**
 * The risk officers' monitoring report (模型监控): per model in service its validation metrics, the
 * challenger, fairness on validation data (from the artifact) and on live recommendations (from the
 * stored assessments' protected attributes, kept apart from the model), the population stability of
 * live scores against the validation distribution, and override rates; alerts when any group's
 * disparate impact falls below the four-fifths line or the PSI shows a shifted population. Live
 * alerts wait for `minLiveForStability` assessments so a handful of cases cannot raise them.
 */
export async function reportRiskMonitoring({
  deps,
}: {
  deps: Pick<RiskDeps, 'store' | 'models' | 'settings'>;
}): Promise<RiskMonitoringView> {
  const rows = await deps.store.monitoringRows();
  const { minLiveForStability: minLive, disparateImpactAlert, stabilityAlert } = deps.settings;
  const alerts: RiskAlertView[] = [];
  const models = deps.models.all().map(({ model }) => {
    const mine = rows.filter((r) => r.modelId === model.id && r.modelVersion === model.version);
    const report = modelReport(model, mine, minLive);
    const lowImpact = (groups: readonly FairnessGroupView[], where: { 'zh-CN': string; en: string }) => {
      for (const g of groups)
        if (g.disparateImpact < disparateImpactAlert)
          alerts.push({
            code: 'disparate_impact_low',
            modelId: model.id,
            message: {
              'zh-CN': `${where['zh-CN']}：${g.attribute === 'sex' ? '性别' : '年龄段'} ${g.group} 的差异影响比 ${g.disparateImpact.toFixed(3)} 低于 ${disparateImpactAlert}`,
              en: `${where.en}: disparate impact of ${g.attribute} ${g.group} is ${g.disparateImpact.toFixed(3)}, below ${disparateImpactAlert}`,
            },
            value: g.disparateImpact,
            threshold: disparateImpactAlert,
          });
    };
    lowImpact(report.validationFairness, { 'zh-CN': '验证集', en: 'Validation data' });
    if (mine.length >= minLive)
      lowImpact(report.liveFairness, { 'zh-CN': '线上审批建议', en: 'Live recommendations' });
    if (report.populationStabilityIndex !== null && report.populationStabilityIndex > stabilityAlert)
      alerts.push({
        code: 'population_unstable',
        modelId: model.id,
        message: {
          'zh-CN': `线上评分分布与验证集相比已偏移（PSI ${report.populationStabilityIndex.toFixed(3)} > ${stabilityAlert}）`,
          en: `Live scores have shifted from the validation distribution (PSI ${report.populationStabilityIndex.toFixed(3)} > ${stabilityAlert})`,
        },
        value: report.populationStabilityIndex,
        threshold: stabilityAlert,
      });
    return report;
  });
  const overridden = rows.filter((r) => r.overrideReason !== null);
  return {
    models,
    alerts,
    overrides: {
      assessments: rows.length,
      overridden: overridden.length,
      rate: rows.length > 0 ? overridden.length / rows.length : null,
      byReason: overrideReasonCodes
        .map((reasonCode) => ({
          reasonCode,
          count: overridden.filter((r) => r.overrideReason === reasonCode).length,
        }))
        .filter((x) => x.count > 0),
    },
  };
}
