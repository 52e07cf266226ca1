import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ApplicationSummary } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { StatusTag } from '../../shared/status-tag';

interface Props {
  application: ApplicationSummary;
  productName: string;
}

/** One application as a tappable card (a table would not fit a phone). */
export function ApplicationListItem({ application, productName }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isDraft = application.status === 'draft';
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(`/applications/${application.id}`)}
      data-testid="application-item"
      data-reference={application.reference}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{productName}</Typography.Text>
          <br />
          <Typography.Text type="secondary" copyable={{ text: application.reference }}>
            {application.reference}
          </Typography.Text>
        </div>
        <StatusTag status={application.status} />
      </Flex>
      <Flex justify="space-between" align="end" gap={8} style={{ marginTop: 8 }}>
        <div>
          <Typography.Text style={{ fontSize: 18 }}>
            {application.amount ? formatYuan(application.amount) : '—'}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('myApplications.updatedAt', { time: formatDateTime(application.updatedAt) })}
          </Typography.Text>
        </div>
        {isDraft && (
          <Button
            type="primary"
            ghost
            size="small"
            data-testid="resume-draft"
            onClick={(e) => {
              e.stopPropagation();
              navigate(`/applications/${application.id}/edit`);
            }}
          >
            {t('myApplications.resume')}
          </Button>
        )}
      </Flex>
    </Card>
  );
}
