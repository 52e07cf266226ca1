import { Progress, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RiskAssessmentView } from '../../../../src/contracts/risk.schema';
import { useLocalised } from '../../shared/use-localised';
import { formatPoints } from './risk-reasons';

type Characteristic = RiskAssessmentView['characteristics'][number];

const numberFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 4 });

/** Every characteristic the model scored: the applicant's value, the bin it fell in, points of the most. */
export function CharacteristicsTable({ characteristics }: { characteristics: Characteristic[] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const columns: TableColumnsType<Characteristic> = [
    {
      key: 'label',
      title: t('risk.characteristic'),
      render: (_, c) => (
        <>
          {localised(c.label)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11 }}>
            {c.name}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'value',
      title: t('risk.value'),
      dataIndex: 'value',
      render: (v: Characteristic['value']) =>
        v === null ? (
          <Typography.Text type="secondary">{t('risk.missing')}</Typography.Text>
        ) : typeof v === 'number' ? (
          numberFormat.format(v)
        ) : (
          v
        ),
    },
    {
      key: 'bin',
      title: t('risk.bin'),
      dataIndex: 'binLabel',
      // A category bin can list many values: one line, the whole list on hover.
      render: (label: string) => (
        <Typography.Text ellipsis={{ tooltip: label }} style={{ maxWidth: 320 }}>
          {label}
        </Typography.Text>
      ),
    },
    {
      key: 'points',
      title: t('risk.points'),
      align: 'right',
      render: (_, c) => (
        <span data-testid="risk-characteristic-points">
          {formatPoints(c.points)} / {formatPoints(c.maxPoints)}
        </span>
      ),
    },
    {
      key: 'share',
      title: t('risk.share'),
      width: 140,
      render: (_, c) => (
        <Progress
          size="small"
          percent={c.maxPoints > 0 ? Math.max(0, Math.round((c.points / c.maxPoints) * 100)) : 0}
          showInfo={false}
        />
      ),
    },
  ];
  return (
    <Table<Characteristic>
      data-testid="risk-characteristics"
      rowKey="name"
      size="small"
      columns={columns}
      dataSource={characteristics}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
