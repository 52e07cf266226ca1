import { Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { useLocalised } from '../../shared/use-localised';
import { binOf, ksPoint } from './chart-maths';
import { EChart } from './e-chart';
import type { ChartOption } from './echarts-setup';

interface ChartOptions {
  contributions: ChartOption;
  /** Trained models only. */
  distribution?: ChartOption;
  roc?: ChartOption;
  ks?: ChartOption;
}

const fixed3 = (x: number) => x.toFixed(3);
/** A value axis's name along its middle, clear of the title above the plot. */
const yName = (name: string) => ({ name, nameLocation: 'middle', nameGap: 36 }) as const;
const title = (text: string) =>
  ({ text, left: 'center', textStyle: { fontSize: 13, fontWeight: 600 } }) as const;

/**
 * The report's charts: for a trained model the score distribution (this applicant marked), ROC and KS
 * on validation data; for every model the points won per characteristic against the most it offers.
 * This module (and ECharts with it) is loaded only when a report is shown.
 */
export default function RiskCharts({ assessment }: { assessment: RiskAssessmentView }) {
  const { t, i18n } = useTranslation();
  const localised = useLocalised();
  const { curves } = assessment.model;

  const options = useMemo((): ChartOptions => {
    const contributions: ChartOption = {
      title: title(t('risk.charts.contributions')),
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0 },
      grid: { left: 8, right: 32, top: 40, bottom: 36, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        inverse: true,
        data: assessment.characteristics.map((c) => localised(c.label)),
      },
      series: [
        {
          type: 'bar',
          name: t('risk.charts.maxPoints'),
          data: assessment.characteristics.map((c) => c.maxPoints),
          itemStyle: { color: '#d9d9d9' },
          barGap: '-100%',
          barMaxWidth: 18,
        },
        {
          type: 'bar',
          name: t('risk.charts.pointsWon'),
          data: assessment.characteristics.map((c) => c.points),
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 18,
          label: { show: true, position: 'right', fontSize: 11 },
        },
      ],
    };
    if (!curves) return { contributions };

    const { edges, counts } = curves.scoreHistogram;
    const categories = counts.map((_, i) => `${edges[i] ?? ''}–${edges[i + 1] ?? ''}`);
    const distribution: ChartOption = {
      title: title(t('risk.charts.distribution')),
      tooltip: { trigger: 'axis' },
      grid: { left: 28, right: 16, top: 52, bottom: 28, containLabel: true },
      xAxis: {
        type: 'category',
        data: categories,
        name: t('risk.score'),
        nameLocation: 'middle',
        nameGap: 28,
      },
      yAxis: { type: 'value', ...yName(t('risk.charts.count')) },
      series: [
        {
          type: 'bar',
          name: t('risk.charts.count'),
          data: counts,
          barCategoryGap: '8%',
          itemStyle: { color: '#91caff' },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#cf1322', width: 2, type: 'solid' },
            label: { formatter: `${t('risk.charts.thisApplicant')} ${assessment.score}`, color: '#cf1322' },
            data: [{ xAxis: binOf(edges, assessment.score) }],
          },
        },
      ],
    };

    const roc: ChartOption = {
      title: title(t('risk.charts.roc', { auc: fixed3(curves.holdout.auc) })),
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 28, right: 16, top: 52, bottom: 52, containLabel: true },
      xAxis: {
        type: 'value',
        min: 0,
        max: 1,
        name: t('risk.charts.fpr'),
        nameLocation: 'middle',
        nameGap: 24,
      },
      yAxis: { type: 'value', min: 0, max: 1, ...yName(t('risk.charts.tpr')) },
      series: [
        {
          type: 'line',
          name: t('risk.charts.model'),
          showSymbol: false,
          data: curves.roc.map((p) => [p.fpr, p.tpr]),
        },
        {
          type: 'line',
          name: t('risk.charts.chance'),
          showSymbol: false,
          lineStyle: { type: 'dashed', color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
          data: [
            [0, 0],
            [1, 1],
          ],
        },
      ],
    };

    const widest = ksPoint(curves.ks);
    const ks: ChartOption = {
      title: title(t('risk.charts.ks', { ks: fixed3(curves.holdout.ks) })),
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 28, right: 16, top: 52, bottom: 52, containLabel: true },
      xAxis: { type: 'value', scale: true, name: t('risk.score'), nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'value', min: 0, max: 1, ...yName(t('risk.charts.cumulativeShare')) },
      series: [
        {
          type: 'line',
          name: t('risk.charts.cumulativeBad'),
          showSymbol: false,
          itemStyle: { color: '#cf1322' },
          data: curves.ks.map((p) => [p.score, p.cumulativeBad]),
          markLine: widest
            ? {
                symbol: 'none',
                lineStyle: { color: '#595959', type: 'dashed' },
                label: { formatter: `KS ${fixed3(curves.holdout.ks)}` },
                data: [{ xAxis: widest.score }],
              }
            : undefined,
        },
        {
          type: 'line',
          name: t('risk.charts.cumulativeGood'),
          showSymbol: false,
          itemStyle: { color: '#389e0d' },
          data: curves.ks.map((p) => [p.score, p.cumulativeGood]),
        },
      ],
    };
    return { contributions, distribution, roc, ks };
    // `t` and `localised` change with the language, which is listed instead.
  }, [assessment, i18n.language]);

  const contributionsHeight = Math.max(240, assessment.characteristics.length * 30 + 90);
  return (
    <Row gutter={[16, 16]} className="risk-charts" data-testid="risk-charts">
      {options.distribution && (
        <Col xs={24} lg={12}>
          <EChart option={options.distribution} testId="risk-chart-distribution" />
        </Col>
      )}
      {options.roc && (
        <Col xs={24} lg={12}>
          <EChart option={options.roc} testId="risk-chart-roc" />
        </Col>
      )}
      {options.ks && (
        <Col xs={24} lg={12}>
          <EChart option={options.ks} testId="risk-chart-ks" />
        </Col>
      )}
      <Col xs={24} lg={curves ? 12 : 24}>
        <EChart
          option={options.contributions}
          height={contributionsHeight}
          testId="risk-chart-contributions"
        />
      </Col>
    </Row>
  );
}
