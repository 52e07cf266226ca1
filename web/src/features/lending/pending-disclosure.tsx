import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApprovalCaseView } from '../../../../src/contracts/approvals.schema';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { formatRate } from './lending-format';
import { useTermsText } from './use-terms-text';

/** Staff: the revised terms the borrower has been asked to accept, and their answer once given. */
export function PendingDisclosure({ approval }: { approval: ApprovalCaseView }) {
  const { t } = useTranslation();
  const termsText = useTermsText();
  const d = approval.pendingDisclosure;
  const answer = approval.borrowerResponse;
  if (!d && !answer) return null;
  return (
    <Card
      size="small"
      type="inner"
      title={t(answer ? 'lending.approval.pending.answeredTitle' : 'lending.approval.pending.title')}
      data-testid="approval-pending-terms"
    >
      {!answer && (
        <Typography.Paragraph type="secondary">{t('lending.approval.pending.hint')}</Typography.Paragraph>
      )}
      {d && (
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('lending.approval.currentTerms')} span={2}>
            {termsText(d)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.approval.pending.firstPayment')}>
            {formatYuan(d.firstPayment)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.approval.pending.annualRate')}>
            {formatRate(d.annualRate)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.approval.pending.totalInterest')}>
            {formatYuan(d.totalInterest)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.approval.pending.totalPayment')}>
            {formatYuan(d.totalPayment)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {answer && (
        <Typography.Text strong data-testid="approval-borrower-answer" data-decision={answer.decision}>
          {t('lending.approval.pending.answered', {
            decision: t(`lending.approval.pending.${answer.decision}`),
            at: formatDateTime(answer.at),
          })}
        </Typography.Text>
      )}
    </Card>
  );
}
