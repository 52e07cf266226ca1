import {
  Alert,
  Card,
  Collapse,
  Descriptions,
  Flex,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ModelReportView } from '../../../../src/contracts/risk.schema';
import { useLocalised } from '../../shared/use-localised';
import { FairnessTable } from './fairness-table';
import { formatMetric, formatPercent } from './risk-format';
import { formatPoints } from './risk-reasons';

/** A population stability index above this says the live applicants no longer look like the validation data. */
export const psiCeiling = 0.25;

type Bin = ModelReportView['characteristics'][number]['bins'][number];

interface MetricRow {
  key: string;
  model: string;
  n: number;
  auc: number;
  ks: number;
  gini: number;
  cvAuc: number | null;
}

/** One model's report: discrimination, the challenger, characteristics, fairness and stability. */
export function ModelReportCard({ model: m }: { model: ModelReportView }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const psi = m.populationStabilityIndex;
  const isUnstable = psi !== null && psi > psiCeiling;

  const metricRows: MetricRow[] = [
    ...(m.holdout
      ? [{ key: 'champion', model: t('risk.monitoring.champion'), ...m.holdout, cvAuc: m.crossValidatedAuc }]
      : []),
    ...(m.challenger
      ? [
          {
            key: 'challenger',
            model: `${t('risk.monitoring.challenger')} (${m.challenger.kind})`,
            ...m.challenger.holdout,
            cvAuc: m.challenger.crossValidatedAuc,
          },
        ]
      : []),
  ];
  const metricColumns: TableColumnsType<MetricRow> = [
    { key: 'model', title: t('risk.model'), dataIndex: 'model' },
    { key: 'n', title: t('risk.monitoring.holdoutN'), dataIndex: 'n', align: 'right' },
    { key: 'auc', title: 'AUC', dataIndex: 'auc', align: 'right', render: formatMetric },
    { key: 'ks', title: 'KS', dataIndex: 'ks', align: 'right', render: formatMetric },
    { key: 'gini', title: 'Gini', dataIndex: 'gini', align: 'right', render: formatMetric },
    {
      key: 'cv',
      title: t('risk.monitoring.cvAuc'),
      dataIndex: 'cvAuc',
      align: 'right',
      render: formatMetric,
    },
  ];
  const binColumns: TableColumnsType<Bin> = [
    { key: 'label', title: t('risk.bin'), dataIndex: 'label' },
    { key: 'points', title: t('risk.points'), dataIndex: 'points', align: 'right', render: formatPoints },
    {
      key: 'bad',
      title: t('risk.monitoring.badRate'),
      dataIndex: 'badRate',
      align: 'right',
      render: (x: number | null) => formatPercent(x, 1),
    },
  ];

  return (
    <Card
      data-testid="risk-model-report"
      data-model={m.id}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{localised(m.label)}</span>
          <Typography.Text code>
            {m.id}@{m.version}
          </Typography.Text>
          <Tag color={m.kind === 'expert' ? 'orange' : 'blue'}>{t(`risk.modelKinds.${m.kind}`)}</Tag>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            {
              key: 'live',
              label: t('risk.monitoring.liveAssessments'),
              children: <span data-testid="risk-live-assessments">{m.liveAssessments}</span>,
            },
            {
              key: 'psi',
              label: t('risk.monitoring.psi'),
              children: (
                <Typography.Text
                  type={isUnstable ? 'danger' : undefined}
                  strong={isUnstable}
                  data-testid="risk-psi"
                >
                  {psi === null ? t('risk.monitoring.tooFew') : formatMetric(psi)}
                  {isUnstable && ` (> ${psiCeiling})`}
                </Typography.Text>
              ),
            },
            {
              key: 'overrideRate',
              label: t('risk.monitoring.overrideRate'),
              children: formatPercent(m.overrideRate, 1),
            },
            {
              key: 'cv',
              label: t('risk.monitoring.cvAuc'),
              children: formatMetric(m.crossValidatedAuc),
            },
          ]}
        />

        <section>
          <Typography.Title level={5}>{t('risk.monitoring.metrics')}</Typography.Title>
          {metricRows.length === 0 ? (
            <Typography.Text type="secondary">{t('risk.monitoring.expertNoMetrics')}</Typography.Text>
          ) : (
            <Table<MetricRow>
              data-testid="risk-model-metrics"
              size="small"
              columns={metricColumns}
              dataSource={metricRows}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          )}
          {m.challenger && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              showIcon
              title={t('risk.monitoring.challengerDecision')}
              description={
                <>
                  <Typography.Paragraph style={{ marginBottom: 8 }}>
                    {t(
                      m.challenger.isScorecardKept
                        ? 'risk.monitoring.scorecardKept'
                        : 'risk.monitoring.challengerQualifies',
                    )}
                  </Typography.Paragraph>
                  {m.challenger.consistency.length > 0 && (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey={(c) => c.label.en}
                      dataSource={m.challenger.consistency}
                      data-testid="risk-challenger-consistency"
                      columns={[
                        {
                          title: t('risk.monitoring.consistencyCheck'),
                          render: (_, c) => localised(c.label),
                        },
                        { title: 'n', dataIndex: 'applicants', align: 'right' },
                        {
                          title: t('risk.monitoring.challengerWrongShare'),
                          align: 'right',
                          render: (_, c) => formatPercent(c.challengerWrongShare),
                        },
                        {
                          title: t('risk.monitoring.scorecardWrongShare'),
                          align: 'right',
                          render: (_, c) => formatPercent(c.scorecardWrongShare),
                        },
                      ]}
                    />
                  )}
                  <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                    {m.challenger.decision}
                  </Typography.Paragraph>
                </>
              }
              data-testid="risk-challenger-decision"
            />
          )}
        </section>

        <section>
          <Typography.Title level={5}>{t('risk.characteristics')}</Typography.Title>
          <Collapse
            size="small"
            data-testid="risk-model-characteristics"
            items={m.characteristics.map((c) => ({
              key: c.name,
              label: (
                <Flex justify="space-between" gap={8} wrap>
                  <span>
                    {localised(c.label)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                      {c.name}
                    </Typography.Text>
                  </span>
                  <Typography.Text type="secondary">
                    IV {c.informationValue === null ? '—' : c.informationValue.toFixed(3)}
                  </Typography.Text>
                </Flex>
              ),
              children: (
                <Table<Bin>
                  rowKey="label"
                  size="small"
                  columns={binColumns}
                  dataSource={c.bins}
                  pagination={false}
                />
              ),
            }))}
          />
        </section>

        <section>
          <Typography.Title level={5}>{t('risk.fairness.validation')}</Typography.Title>
          <FairnessTable groups={m.validationFairness} testId="risk-fairness-validation" />
        </section>
        <section>
          <Typography.Title level={5}>{t('risk.fairness.live')}</Typography.Title>
          <FairnessTable groups={m.liveFairness} testId="risk-fairness-live" />
        </section>
      </Flex>
    </Card>
  );
}
