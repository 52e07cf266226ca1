import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView } from '../../../../src/contracts/ledger.schema';
import { formatDateTime } from '../../shared/date-time';
import { DownloadButton } from './download-button';
import { HashText } from './hash-text';
import { tlogProofFilename, tlogProofUrl } from './ledger-api';
import { useLedgerLabels } from './use-ledger-labels';

/** An application's leaves in the log, oldest first, each with its proof to download. */
export function LedgerEntriesTable({ entries, loading }: { entries: LedgerEntryView[]; loading: boolean }) {
  const { t } = useTranslation();
  const { typeLabel, actorLabel } = useLedgerLabels();
  const sorted = [...entries].sort((a, b) => a.index - b.index);

  const columns: TableColumnsType<LedgerEntryView> = [
    { key: 'index', title: t('ledger.entries.index'), dataIndex: 'index', align: 'right' },
    {
      key: 'type',
      title: t('ledger.entries.type'),
      dataIndex: 'type',
      render: (type: LedgerEntryView['type']) => <span data-type={type}>{typeLabel(type)}</span>,
    },
    {
      key: 'at',
      title: t('ledger.entries.at'),
      dataIndex: 'at',
      render: (at: string) => <span title={at}>{formatDateTime(at)}</span>,
    },
    {
      key: 'actorRole',
      title: t('ledger.entries.actorRole'),
      dataIndex: 'actorRole',
      render: actorLabel,
    },
    {
      key: 'leafHash',
      title: t('ledger.entries.leafHash'),
      dataIndex: 'leafHash',
      render: (hash: string) => <HashText hash={hash} testId="ledger-leaf-hash" />,
    },
    {
      key: 'record',
      title: t('ledger.entries.record'),
      dataIndex: 'record',
      render: (hash: string) => <HashText hash={hash} />,
    },
    {
      key: 'isCheckpointed',
      title: t('ledger.entries.checkpointed'),
      dataIndex: 'isCheckpointed',
      render: (checkpointed: boolean) => (
        <Tag color={checkpointed ? 'success' : 'processing'} data-checkpointed={checkpointed}>
          {checkpointed ? t('ledger.yes') : t('ledger.entries.pending')}
        </Tag>
      ),
    },
    {
      key: 'proof',
      title: '',
      render: (_: unknown, entry) => (
        <DownloadButton
          url={tlogProofUrl(entry.index)}
          filename={tlogProofFilename(entry.index)}
          label={t('ledger.entries.proof')}
          disabled={!entry.isCheckpointed}
          disabledReason={t('ledger.entries.proofPending')}
          size="small"
          testId="ledger-download-proof"
        >
          {t('ledger.entries.proof')}
        </DownloadButton>
      ),
    },
  ];

  return (
    <Table<LedgerEntryView>
      data-testid="ledger-entries"
      rowKey="index"
      size="small"
      columns={columns}
      dataSource={sorted}
      loading={loading}
      locale={{ emptyText: t('ledger.entries.none') }}
      pagination={{
        pageSize: 50,
        hideOnSinglePage: true,
        showTotal: (total) => t('ledger.entries.total', { total }),
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
