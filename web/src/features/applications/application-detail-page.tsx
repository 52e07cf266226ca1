import { EditOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { StatusTag } from '../../shared/status-tag';
import { fetchApplication } from './applications-api';
import { DocumentList } from './document-list';
import { EventHistory } from './event-history';
import { LoanSummary } from './loan-summary';
import { ScreeningResult } from './screening-result';
import { StatusProgress } from './status-progress';
import { useProducts } from './use-products';
import { WithdrawDialog } from './withdraw-dialog';
import { BorrowerLendingCard } from '../lending/borrower-lending-card';
import { GuarantorsCard } from '../guarantors/guarantors-card';

/** A borrower's own application: where it stands, the screening, documents and history. */
export function ApplicationDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const application = useResource(() => fetchApplication(id), [id]);
  const products = useProducts();
  const [withdrawing, setWithdrawing] = useState(false);

  if (application.error) {
    return (
      <div className="page-narrow">
        <ErrorAlert error={application.error} />
      </div>
    );
  }
  const app = application.data;
  if (!app) return <PageLoading />;
  // The server derives what the borrower may do from the lifecycle; the web keeps no copy of it.
  const canWithdraw = app.borrowerNextStatuses.includes('withdrawn');

  return (
    <div className="page-narrow">
      <PageTitle
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="application-reference">{app.reference}</span>
            <StatusTag status={app.status} />
          </Flex>
        }
      />
      <Flex vertical gap={12}>
        <Card size="small">
          <StatusProgress application={app} />
        </Card>
        {(app.status === 'draft' || canWithdraw) && (
          <Flex gap={8} justify="flex-end" wrap>
            {app.status === 'draft' && (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => navigate(`/applications/${app.id}/edit`)}
                data-testid="edit-application"
              >
                {t('detail.edit')}
              </Button>
            )}
            {canWithdraw && (
              <Button
                danger
                icon={<StopOutlined />}
                onClick={() => setWithdrawing(true)}
                data-testid="withdraw-application"
              >
                {t('detail.withdraw')}
              </Button>
            )}
          </Flex>
        )}
        {app.status === 'rejected' && (
          <Typography.Paragraph type="danger" style={{ margin: 0 }} data-testid="rejected-notice">
            {t('detail.rejectedNotice')}
          </Typography.Paragraph>
        )}
        {app.screening && <ScreeningResult screening={app.screening} />}
        <LoanSummary application={app} productName={products.nameOf(app.productCode)} />
        <BorrowerLendingCard applicationId={app.id} applicationStatus={app.status} />
        <GuarantorsCard applicationId={app.id} applicationStatus={app.status} />
        <Card size="small" title={t('sections.documents')}>
          <DocumentList applicationId={app.id} documents={app.documents} />
        </Card>
        <EventHistory events={app.events} />
        <Link to="/receipts" data-testid="open-receipts" style={{ alignSelf: 'flex-start' }}>
          <SafetyCertificateOutlined /> {t('ledger.receipts.link')}
        </Link>
      </Flex>
      <WithdrawDialog
        application={app}
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        onWithdrawn={(updated) => {
          setWithdrawing(false);
          application.set(updated);
        }}
      />
    </div>
  );
}
