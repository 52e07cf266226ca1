import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Popconfirm,
  Table,
  Typography,
  type ButtonProps,
} from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { RevisedTermsView } from '../../../../src/contracts/approvals.schema';
import type { RepaymentScheduleView } from '../../../../src/contracts/disbursement.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { answerRevisedTerms, fetchRepaymentSchedule, fetchRevisedTerms } from './lending-api';
import { LendingErrorAlert } from './lending-error-alert';
import { formatRate } from './lending-format';
import { useTermsText } from './use-terms-text';

type Instalment = RepaymentScheduleView['instalments'][number];

const nowrap = (text: string) => <span style={{ whiteSpace: 'nowrap' }}>{text}</span>;

/**
 * For the borrower on their application: revised terms waiting for an answer (the disclosure, accept or
 * decline), and once the loan is disbursed the active repayment schedule.
 */
export function BorrowerLendingCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  if (applicationStatus === 'risk_control') return <RevisedTermsCard applicationId={applicationId} />;
  if (applicationStatus === 'disbursed') return <ScheduleCard applicationId={applicationId} />;
  return null;
}

function RevisedTermsCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const termsText = useTermsText();
  const revised = useResource(() => fetchRevisedTerms(applicationId), [applicationId]);
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [answered, setAnswered] = useState<'accept' | 'decline' | null>(null);
  const r: RevisedTermsView | undefined = revised.data;
  // Nothing waiting for the borrower: the card stays away.
  if (!r) {
    const isNone =
      revised.error instanceof ApiError && revised.error.code === 'APPROVAL_NO_PENDING_DISCLOSURE';
    return revised.error && !isNone ? <LendingErrorAlert error={revised.error} /> : null;
  }
  const d = r.disclosure;

  const answer = async (decision: 'accept' | 'decline') => {
    setBusy(decision);
    setError(null);
    try {
      await answerRevisedTerms(applicationId, { decision, disclosureSha256: d.sha256 });
      setAnswered(decision);
    } catch (e) {
      setError(e);
      // The terms changed under the reader: show the new ones.
      if (e instanceof ApiError && e.code === 'APPROVAL_DISCLOSURE_CHANGED') revised.reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      size="small"
      title={t('lending.borrower.revisedTitle')}
      data-testid="revised-terms-card"
      data-sha256={d.sha256}
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {t('lending.borrower.revisedIntro')}
        </Typography.Paragraph>
        <Descriptions size="small" column={1} bordered data-testid="revised-terms-disclosure">
          <Descriptions.Item label={t('lending.borrower.requested')}>
            {termsText(r.requestedTerms)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.borrower.revised')}>
            <Typography.Text strong data-testid="revised-terms-text">
              {termsText(d)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.borrower.firstPayment')}>
            {formatYuan(d.firstPayment)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.borrower.lastPayment')}>
            {formatYuan(d.lastPayment)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.borrower.totalInterest')}>
            {formatYuan(d.totalInterest)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.borrower.totalPayment')}>
            {formatYuan(d.totalPayment)}
          </Descriptions.Item>
          <Descriptions.Item label={t('lending.borrower.annualRate')}>
            <span data-testid="revised-terms-annual-rate">{formatRate(d.annualRate)}</span>
          </Descriptions.Item>
        </Descriptions>
        <LendingErrorAlert error={error} />
        {answered ? (
          <Alert
            type="success"
            showIcon
            title={t('lending.borrower.answered')}
            data-testid="revised-terms-answered"
            data-decision={answered}
          />
        ) : (
          <Flex gap={8} wrap>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              loading={busy === 'accept'}
              disabled={busy !== null}
              onClick={() => void answer('accept')}
              data-testid="revised-terms-accept"
            >
              {t('lending.borrower.accept')}
            </Button>
            <Popconfirm
              title={t('lending.borrower.declineConfirm')}
              onConfirm={() => void answer('decline')}
              okButtonProps={{ danger: true, 'data-testid': 'revised-terms-decline-confirm' } as ButtonProps}
            >
              <Button
                danger
                icon={<CloseOutlined />}
                loading={busy === 'decline'}
                disabled={busy !== null}
                data-testid="revised-terms-decline"
              >
                {t('lending.borrower.decline')}
              </Button>
            </Popconfirm>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

function ScheduleCard({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const termsText = useTermsText();
  const schedule = useResource(() => fetchRepaymentSchedule(applicationId), [applicationId]);
  const s = schedule.data;
  const columns = [
    { key: 'period', title: t('lending.borrower.period'), dataIndex: 'period' },
    {
      key: 'dueDate',
      title: t('lending.borrower.dueDate'),
      render: (_: unknown, i: Instalment) => <span style={{ whiteSpace: 'nowrap' }}>{i.dueDate}</span>,
    },
    {
      key: 'payment',
      title: t('lending.borrower.payment'),
      align: 'right' as const,
      render: (_: unknown, i: Instalment) => nowrap(formatYuan(i.payment)),
    },
    {
      key: 'principal',
      title: t('lending.borrower.principal'),
      align: 'right' as const,
      render: (_: unknown, i: Instalment) => nowrap(formatYuan(i.principal)),
    },
    {
      key: 'interest',
      title: t('lending.borrower.interest'),
      align: 'right' as const,
      render: (_: unknown, i: Instalment) => nowrap(formatYuan(i.interest)),
    },
    {
      key: 'balance',
      title: t('lending.borrower.balance'),
      align: 'right' as const,
      render: (_: unknown, i: Instalment) => nowrap(formatYuan(i.balance)),
    },
  ];
  return (
    <Card
      size="small"
      title={t('lending.borrower.scheduleTitle')}
      data-testid="repayment-schedule-card"
      loading={schedule.loading && !s}
    >
      <LendingErrorAlert error={schedule.error} />
      {s && (
        <Flex vertical gap={12}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('lending.borrower.contractNumber')}>
              {s.contractNumber}
            </Descriptions.Item>
            <Descriptions.Item label={t('lending.borrower.disbursedAt')}>
              {formatDateTime(s.disbursedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('lending.approval.currentTerms')} span={2}>
              {termsText({
                amount: s.amount,
                nominalAnnualRate: s.nominalAnnualRate,
                termMonths: s.termMonths,
              })}{' '}
              · {formatRate(s.annualisedRate)}
            </Descriptions.Item>
          </Descriptions>
          <div data-testid="repayment-schedule" data-rows={s.instalments.length}>
            <Table<Instalment>
              size="small"
              rowKey="period"
              pagination={false}
              dataSource={s.instalments}
              columns={columns}
              scroll={{ x: true }}
              onRow={(i) =>
                ({ 'data-testid': 'schedule-row', 'data-period': i.period }) as HTMLAttributes<HTMLElement>
              }
              summary={() => (
                <Table.Summary.Row data-testid="schedule-total">
                  <Table.Summary.Cell index={0} colSpan={2}>
                    <Typography.Text strong>{t('lending.borrower.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    <Typography.Text strong data-testid="schedule-total-payment">
                      {formatYuan(s.totalPayment)}
                    </Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <span data-testid="schedule-total-principal">{formatYuan(s.amount)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <span data-testid="schedule-total-interest">{formatYuan(s.totalInterest)}</span>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} />
                </Table.Summary.Row>
              )}
            />
          </div>
        </Flex>
      )}
    </Card>
  );
}
