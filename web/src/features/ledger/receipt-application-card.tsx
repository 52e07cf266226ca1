import { Card, Divider, Empty } from 'antd';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntryList } from '../../../../src/contracts/ledger.schema';
import { ReceiptEntryItem } from './receipt-entry-item';

/** One of the borrower's applications and the steps of it the log holds, newest first. */
export function ReceiptApplicationCard({ list }: { list: LedgerEntryList }) {
  const { t } = useTranslation();
  const entries = [...list.entries].sort((a, b) => b.index - a.index);
  return (
    <Card
      size="small"
      title={list.reference}
      data-testid="receipt-application"
      data-reference={list.reference}
    >
      {entries.length ? (
        entries.map((entry, i) => (
          <Fragment key={entry.index}>
            {i > 0 && <Divider style={{ margin: '8px 0' }} />}
            <ReceiptEntryItem entry={entry} />
          </Fragment>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ledger.receipts.none')} />
      )}
    </Card>
  );
}
