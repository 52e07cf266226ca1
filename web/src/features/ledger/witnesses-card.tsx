import { CheckCircleFilled } from '@ant-design/icons';
import { Card, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerOverview } from '../../../../src/contracts/ledger.schema';

type Witness = LedgerOverview['witnesses'][number];

/** The witnesses that cosign the log's checkpoints, and how many cosignatures a checkpoint needs. */
export function WitnessesCard({ overview }: { overview: LedgerOverview }) {
  const { t } = useTranslation();
  const cosignedLatest = new Set(overview.checkpoint?.cosignedBy ?? []);
  return (
    <Card
      size="small"
      title={t('ledger.witnesses.title')}
      extra={
        <Typography.Text type="secondary" data-testid="ledger-required-cosignatures">
          {t('ledger.witnesses.required', { count: overview.requiredCosignatures })}
        </Typography.Text>
      }
    >
      <Table<Witness>
        data-testid="ledger-witnesses"
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={overview.witnesses}
        locale={{ emptyText: t('ledger.witnesses.none') }}
        columns={[
          { key: 'name', title: t('ledger.witnesses.name'), dataIndex: 'name' },
          {
            key: 'url',
            title: t('ledger.witnesses.url'),
            dataIndex: 'url',
            render: (url: string) => (
              <Typography.Text type="secondary" style={{ wordBreak: 'break-all' }}>
                {url}
              </Typography.Text>
            ),
          },
          {
            key: 'cosignedSize',
            title: t('ledger.witnesses.cosignedSize'),
            dataIndex: 'cosignedSize',
            align: 'right',
            render: (size: number, witness) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {cosignedLatest.has(witness.name) && (
                  <Tooltip title={t('ledger.witnesses.cosignedLatest')}>
                    <CheckCircleFilled
                      style={{ color: '#52c41a', marginInlineEnd: 6 }}
                      aria-label={t('ledger.witnesses.cosignedLatest')}
                      data-testid="ledger-witness-cosigned-latest"
                    />
                  </Tooltip>
                )}
                {size}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
