import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { useLocalised } from '../../shared/use-localised';

type Rule = RiskAssessmentView['screening'][number];
const outcomeColours: Record<Rule['outcome'], string> = {
  pass: 'success',
  fail: 'error',
  not_applicable: 'default',
};

/** The screening rules' results as the assessment saw them. */
export function ScreeningRulesTable({ rules }: { rules: Rule[] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const columns: TableColumnsType<Rule> = [
    {
      key: 'rule',
      title: t('risk.rule'),
      dataIndex: 'ruleId',
      render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
    },
    {
      key: 'outcome',
      title: t('risk.outcome'),
      dataIndex: 'outcome',
      render: (o: Rule['outcome']) => <Tag color={outcomeColours[o]}>{t(`outcomes.${o}`)}</Tag>,
    },
    { key: 'reason', title: t('risk.reason'), render: (_, r) => localised(r.reason) },
  ];
  return (
    <Table<Rule>
      data-testid="risk-screening"
      rowKey="ruleId"
      size="small"
      columns={columns}
      dataSource={rules}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
