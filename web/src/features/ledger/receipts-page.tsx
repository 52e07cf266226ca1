import { Empty, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { fetchReceipts } from './ledger-api';
import { ReceiptApplicationCard } from './receipt-application-card';
import { ReceiptExplainer } from './receipt-explainer';

/** A borrower's receipts: for each application, the steps recorded in the evidence log. */
export function ReceiptsPage() {
  const { t } = useTranslation();
  const receipts = useResource(() => fetchReceipts(), []);
  const applications = receipts.data?.applications ?? [];
  return (
    <div className="page-narrow">
      <PageTitle title={t('ledger.receipts.title')} />
      <Flex vertical gap={12}>
        <ReceiptExplainer />
        <ErrorAlert error={receipts.error} />
        {receipts.loading && !receipts.data ? (
          <PageLoading />
        ) : applications.length ? (
          <Flex vertical gap={12} data-testid="receipt-list">
            {applications.map((list) => (
              <ReceiptApplicationCard key={list.applicationId} list={list} />
            ))}
          </Flex>
        ) : (
          receipts.data && <Empty description={t('ledger.receipts.none')} />
        )}
      </Flex>
    </div>
  );
}
