import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ModelReportView } from '../../../../src/contracts/risk.schema';
import { formatMetric, formatPercent } from './risk-format';

type Group = ModelReportView['liveFairness'][number];

/** The four-fifths rule: a group approved at under 80% of the most approved group's rate is flagged. */
export const disparateImpactFloor = 0.8;

const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${x.toFixed(3)}`);

/** Approval and true-positive rates by group, with disparate impact (red under 0.8) and EOD. */
export function FairnessTable({ groups, testId }: { groups: Group[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const groupLabel = (g: Group) => {
    const key = `risk.fairness.groups.${g.group}`;
    return i18n.exists(key) ? i18n.t(key as never) : g.group;
  };
  const columns: TableColumnsType<Group> = [
    {
      key: 'attribute',
      title: t('risk.fairness.attribute'),
      dataIndex: 'attribute',
      render: (a: Group['attribute']) => t(`risk.fairness.attributes.${a}`),
    },
    { key: 'group', title: t('risk.fairness.group'), render: (_, g) => groupLabel(g) },
    { key: 'n', title: 'n', dataIndex: 'n', align: 'right' },
    {
      key: 'approval',
      title: t('risk.fairness.approvalRate'),
      dataIndex: 'approvalRate',
      align: 'right',
      render: (x: number) => formatPercent(x, 1),
    },
    {
      key: 'tpr',
      title: t('risk.fairness.tpr'),
      dataIndex: 'truePositiveRate',
      align: 'right',
      render: (x: number | null) => formatPercent(x, 1),
    },
    {
      key: 'di',
      title: t('risk.fairness.disparateImpact'),
      dataIndex: 'disparateImpact',
      align: 'right',
      render: (x: number) => {
        const isLow = x < disparateImpactFloor;
        return (
          <Typography.Text type={isLow ? 'danger' : undefined} strong={isLow} data-low={isLow}>
            {formatMetric(x)}
          </Typography.Text>
        );
      },
    },
    {
      key: 'eod',
      title: t('risk.fairness.eod'),
      dataIndex: 'equalOpportunityDifference',
      align: 'right',
      render: signed,
    },
  ];
  if (groups.length === 0)
    return <Typography.Text type="secondary">{t('risk.fairness.none')}</Typography.Text>;
  return (
    <Table<Group>
      data-testid={testId}
      rowKey={(g) => `${g.attribute}:${g.group}`}
      size="small"
      columns={columns}
      dataSource={groups}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
