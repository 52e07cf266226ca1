import { Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerOverview } from '../../../../src/contracts/ledger.schema';
import { formatDateTime } from '../../shared/date-time';
import { MonospaceBlock } from './monospace-block';

/** The latest published checkpoint, its witnesses' cosignatures and how far the log has got beyond it. */
export function CheckpointCard({ overview }: { overview: LedgerOverview }) {
  const { t } = useTranslation();
  const { checkpoint, sequencedSize, integratedSize } = overview;
  const awaitingIntegration = sequencedSize - integratedSize;
  const awaitingCheckpoint = integratedSize - (checkpoint?.size ?? 0);

  const sizes = (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        {
          key: 'sequenced',
          label: t('ledger.checkpoint.sequencedSize'),
          children: (
            <Flex gap={8} wrap align="center">
              <span data-testid="ledger-sequenced-size">{sequencedSize}</span>
              {awaitingIntegration > 0 && (
                <Tag color="processing">
                  {t('ledger.checkpoint.pendingIntegration', { count: awaitingIntegration })}
                </Tag>
              )}
            </Flex>
          ),
        },
        {
          key: 'integrated',
          label: t('ledger.checkpoint.integratedSize'),
          children: (
            <Flex gap={8} wrap align="center">
              <span data-testid="ledger-integrated-size">{integratedSize}</span>
              {awaitingCheckpoint > 0 && (
                <Tag color="processing">
                  {t('ledger.checkpoint.pendingCheckpoint', { count: awaitingCheckpoint })}
                </Tag>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );

  return (
    <Card size="small" title={t('ledger.checkpoint.title')} data-testid="ledger-checkpoint">
      {checkpoint ? (
        <Flex vertical gap={12}>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'origin',
                label: t('ledger.checkpoint.origin'),
                children: <Typography.Text code>{checkpoint.origin}</Typography.Text>,
              },
              {
                key: 'size',
                label: t('ledger.checkpoint.size'),
                children: <span data-testid="ledger-checkpoint-size">{checkpoint.size}</span>,
              },
              {
                key: 'rootHash',
                label: t('ledger.checkpoint.rootHash'),
                children: (
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                    {checkpoint.rootHash}
                  </Typography.Text>
                ),
              },
              {
                key: 'signedAt',
                label: t('ledger.checkpoint.signedAt'),
                children: formatDateTime(checkpoint.signedAt),
              },
              {
                key: 'cosignedBy',
                label: t('ledger.checkpoint.cosignedBy'),
                children: checkpoint.cosignedBy.length ? (
                  <Flex gap={4} wrap>
                    {checkpoint.cosignedBy.map((name) => (
                      <Tag key={name} color="green" data-testid="ledger-cosigner">
                        {name}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  t('ledger.none')
                ),
              },
            ]}
          />
          {sizes}
          <div>
            <Typography.Text type="secondary">{t('ledger.checkpoint.note')}</Typography.Text>
            <MonospaceBlock text={checkpoint.note} testId="ledger-checkpoint-note" />
          </div>
        </Flex>
      ) : (
        <>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.checkpoint.none')} />
          {sizes}
        </>
      )}
    </Card>
  );
}
