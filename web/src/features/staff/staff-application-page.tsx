import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { PageLoading } from '../../shared/page-loading';
import { PageTitle } from '../../shared/page-title';
import { formatDateTime } from '../../shared/date-time';
import { StatusTag } from '../../shared/status-tag';
import { ApplicationDetailsSections } from '../applications/application-details-sections';
import { DocumentList } from '../applications/document-list';
import { EventHistory } from '../applications/event-history';
import { ScreeningResult } from '../applications/screening-result';
import { StatusProgress } from '../applications/status-progress';
import { useProducts } from '../applications/use-products';
import { fetchStaffApplication } from './staff-api';
import { IdentityChecksCard } from '../identity/identity-checks-card';
import { RiskReportCard } from '../risk/risk-report-card';
import { ContractCard } from '../contracts/contract-card';
import { isContractStage } from '../contracts/contract-roles';
import { ApprovalCard } from '../lending/approval-card';
import { DisbursementCard } from '../lending/disbursement-card';
import { ConditionsCard } from '../conditions/conditions-card';
import { CollateralCard } from '../collateral/collateral-card';
import { GuarantorsCard } from '../guarantors/guarantors-card';
import { LegalHoldCard } from '../legal-holds/legal-hold-card';

/** Everything about one application for staff: the details on the left, screening, documents and history on the right. */
export function StaffApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const application = useResource(() => fetchStaffApplication(id), [id]);
  const products = useProducts();

  if (application.error) {
    return (
      <div className="page-wide">
        <ErrorAlert error={application.error} />
      </div>
    );
  }
  const app = application.data;
  if (!app) return <PageLoading />;

  return (
    <div className="page-wide">
      <Link to="/staff/queue" data-testid="back-to-queue">
        ← {t('queue.back')}
      </Link>
      <PageTitle
        title={
          <Flex align="center" gap={8} wrap>
            <span data-testid="application-reference">{app.reference}</span>
            <StatusTag status={app.status} />
          </Flex>
        }
        extra={
          <Link to={`/staff/ledger?application=${app.id}`} data-testid="open-ledger">
            <SafetyCertificateOutlined /> {t('ledger.openLedger')}
          </Link>
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {[
          t(`kinds.${app.kind}`),
          app.applicantName,
          app.submittedAt && `${t('detail.submittedAt')} ${formatDateTime(app.submittedAt)}`,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      <Flex vertical gap={16}>
        <Card size="small">
          <StatusProgress application={app} />
        </Card>
        {/* From approval on, the contract is what the application waits for: full width, near the top. */}
        {isContractStage(app.status) && (
          <ContractCard applicationId={app.id} applicationStatus={app.status} />
        )}
        {/* Risk control and lending: each card shows itself only at the stages it belongs to. */}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Flex vertical gap={12}>
              <ApprovalCard applicationId={app.id} applicationStatus={app.status} />
              <DisbursementCard applicationId={app.id} applicationStatus={app.status} />
              <ConditionsCard applicationId={app.id} applicationStatus={app.status} />
            </Flex>
          </Col>
          <Col xs={24} xl={12}>
            <Flex vertical gap={12}>
              <CollateralCard applicationId={app.id} applicationStatus={app.status} />
              <GuarantorsCard applicationId={app.id} applicationStatus={app.status} />
            </Flex>
          </Col>
        </Row>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <ApplicationDetailsSections
              details={app.details}
              kind={app.kind}
              productName={products.nameOf(app.productCode)}
            />
          </Col>
          <Col xs={24} xl={10}>
            <Flex vertical gap={12}>
              {app.screening ? (
                <ScreeningResult screening={app.screening} />
              ) : (
                <Card size="small">{t('screening.none')}</Card>
              )}
              <IdentityChecksCard applicationId={app.id} />
              {/* Keeps the documents below, the personal data and the recordings past their retention. */}
              <LegalHoldCard applicationId={app.id} />
              <Card size="small" title={t('sections.documents')}>
                <DocumentList applicationId={app.id} documents={app.documents} />
              </Card>
              <EventHistory events={app.events} />
            </Flex>
          </Col>
        </Row>
      </Flex>
      {/* Full width below the rest, which its Print button leaves off the paper (risk-print.css). */}
      <div style={{ marginTop: 16 }}>
        <RiskReportCard applicationId={app.id} />
      </div>
    </div>
  );
}
