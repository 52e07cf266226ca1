import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryView } from '../../../../src/contracts/ledger.schema';
import { formatDateTime } from '../../shared/date-time';
import { DownloadButton } from './download-button';
import { tlogProofFilename, tlogProofUrl } from './ledger-api';
import { useLedgerLabels } from './use-ledger-labels';

/** One recorded step: what, when, where in the log, and its receipt once a checkpoint covers it. */
export function ReceiptEntryItem({ entry }: { entry: LedgerEntryView }) {
  const { t } = useTranslation();
  const { typeLabel } = useLedgerLabels();
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={8}
      data-testid="receipt-entry"
      data-type={entry.type}
      data-index={entry.index}
    >
      <div style={{ minWidth: 0 }}>
        <Typography.Text strong>{typeLabel(entry.type)}</Typography.Text>{' '}
        {!entry.isCheckpointed && <Tag color="processing">{t('ledger.entries.pending')}</Tag>}
        <br />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(entry.at)} · {t('ledger.receipts.entryIndex', { index: entry.index })}
        </Typography.Text>
      </div>
      <DownloadButton
        url={tlogProofUrl(entry.index)}
        filename={tlogProofFilename(entry.index)}
        label={t('ledger.receipts.download')}
        disabled={!entry.isCheckpointed}
        disabledReason={t('ledger.entries.proofPending')}
        testId="receipt-download"
      >
        {t('ledger.receipts.download')}
      </DownloadButton>
    </Flex>
  );
}
