import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { ApprovalCaseView } from '../../../../src/contracts/approvals.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { useLocalised } from '../../shared/use-localised';
import { useSession } from '../accounts/session-context';
import { ApprovalDecisionForm } from './approval-decision-form';
import { fetchApprovalCase, submitForApproval } from './lending-api';
import { LendingErrorAlert } from './lending-error-alert';
import { PendingDisclosure } from './pending-disclosure';
import { useTermsText } from './use-terms-text';

type Decision = ApprovalCaseView['decisions'][number];

/** The stages at which the approval card shows itself: risk control, and afterwards as history. */
const approvalStages: readonly ApplicationStatus[] = [
  'risk_control',
  'approved',
  'contract_signed',
  'disbursed',
  'rejected',
  'withdrawn',
];

const caseColours: Record<ApprovalCaseView['status'], string> = {
  pending: 'processing',
  awaiting_borrower: 'warning',
  approved: 'success',
  rejected: 'error',
  returned: 'default',
  declined_by_borrower: 'default',
};
const stepColours = { done: 'success', current: 'processing', waiting: 'default', stopped: 'error' } as const;
const outcomeColours = { approve: 'success', reject: 'error', return: 'warning' } as const;

/**
 * 审批 on the staff application page: the loan officer submits an application in risk control; then
 * everyone sees the case (matrix version, band, steps, decisions); the risk officer or approver whose
 * turn it is decides with step-up; revised terms waiting for the borrower are shown.
 */
export function ApprovalCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const termsText = useTermsText();
  const { session } = useSession();
  const role = session?.account.role;
  const isStage = approvalStages.includes(applicationStatus);
  const approval = useResource(
    () => (isStage ? fetchApprovalCase(applicationId) : Promise.resolve(undefined)),
    [applicationId, applicationStatus, isStage],
  );
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  if (!isStage) return null;

  const c = approval.data;
  // (A case just submitted replaces the data but not the earlier "not found".)
  const isMissing =
    !c && approval.error instanceof ApiError && approval.error.code === 'APPROVAL_CASE_NOT_FOUND';
  // Before submission, or after a case was returned: the officer (re)submits from risk control.
  const maySubmit =
    role === 'loan_officer' &&
    applicationStatus === 'risk_control' &&
    (isMissing || c?.status === 'returned' || c?.status === 'declined_by_borrower');
  // Nothing to show after the fact when no case exists (e.g. rejected at screening).
  if (isMissing && applicationStatus !== 'risk_control') return null;

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      approval.set(await submitForApproval(applicationId));
    } catch (e) {
      setSubmitError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const stepName = (kind: ApprovalCaseView['steps'][number]['kind']) =>
    t(`lending.approval.stepKinds.${kind}`);
  const decisionColumns = [
    { key: 'seq', title: '#', render: (_: unknown, d: Decision) => d.seq },
    {
      key: 'step',
      title: t('lending.approval.steps'),
      render: (_: unknown, d: Decision) => stepName(d.stepKind),
    },
    {
      key: 'outcome',
      title: t('lending.approval.decide.outcome'),
      render: (_: unknown, d: Decision) => (
        <Tag
          color={outcomeColours[d.outcome]}
          data-testid="approval-decision-outcome"
          data-outcome={d.outcome}
        >
          {t(`lending.approval.outcomes.${d.outcome}`)}
        </Tag>
      ),
    },
    {
      key: 'reason',
      title: t('lending.approval.decide.reasonCode'),
      render: (_: unknown, d: Decision) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{t(`lending.approval.reasonCodes.${d.reasonCode}`)}</Typography.Text>
          <Typography.Text>{d.text}</Typography.Text>
          {d.revisedTerms && (
            <Typography.Text type="warning" data-testid="approval-decision-revised">
              {t('lending.approval.revisedTo', { terms: termsText(d.revisedTerms) })}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'by',
      title: t('lending.approval.decidedBy'),
      render: (_: unknown, d: Decision) => (
        <Flex vertical gap={2}>
          <span>
            {t(`roles.${d.byRole}` as 'roles.approver')}{' '}
            <Typography.Text type="secondary" copyable={{ text: d.byAccountId }} style={{ fontSize: 12 }}>
              {d.byAccountId.slice(0, 8)}
            </Typography.Text>
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(d.at)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={t('lending.approval.title')}
      data-testid="approval-card"
      data-state={c ? c.status : isMissing ? 'none' : approval.loading ? 'loading' : 'error'}
      data-can-decide={c ? String(c.canDecide) : undefined}
      loading={approval.loading && !c && !approval.error}
      extra={
        c && (
          <Tag color={caseColours[c.status]} data-testid="approval-status">
            {t(`lending.approval.caseStatuses.${c.status}`)}
          </Tag>
        )
      }
    >
      <Flex vertical gap={12}>
        {isMissing && !maySubmit && (
          <Empty description={t('lending.approval.noneWaiting')} data-testid="approval-empty" />
        )}
        {!c && approval.error !== null && !isMissing && <LendingErrorAlert error={approval.error} />}
        {c && (
          <>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              bordered
              styles={{ label: { whiteSpace: 'nowrap' } }}
            >
              <Descriptions.Item label={t('lending.approval.matrix')}>
                <span data-testid="approval-matrix">{c.matrixVersion}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('lending.approval.band')}>
                <span data-testid="approval-band" data-band={c.band.id}>
                  {localised(c.band.label)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('lending.approval.grade')}>{c.grade}</Descriptions.Item>
              <Descriptions.Item label={t('lending.approval.recommended')}>
                {termsText({ amount: c.recommendedLimit, nominalAnnualRate: c.recommendedAnnualRate })}
              </Descriptions.Item>
              <Descriptions.Item label={t('lending.approval.requestedTerms')}>
                {termsText(c.requestedTerms)}
              </Descriptions.Item>
              <Descriptions.Item label={t('lending.approval.currentTerms')}>
                <span data-testid="approval-current-terms">{termsText(c.currentTerms)}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('lending.approval.submitted')}>
                {formatDateTime(c.submittedAt)}
              </Descriptions.Item>
              {c.completedAt && (
                <Descriptions.Item label={t('lending.approval.completed')}>
                  {formatDateTime(c.completedAt)}
                </Descriptions.Item>
              )}
            </Descriptions>
            <div>
              <Typography.Text strong>{t('lending.approval.steps')}</Typography.Text>
              <Flex vertical gap={4} style={{ marginTop: 4 }}>
                {c.steps.map((s) => (
                  <Flex
                    key={s.index}
                    gap={8}
                    align="center"
                    wrap
                    data-testid="approval-step"
                    data-kind={s.kind}
                    data-state={s.state}
                  >
                    <Tag color={stepColours[s.state]}>{t(`lending.approval.stepStates.${s.state}`)}</Tag>
                    <Typography.Text strong>
                      {s.index + 1}. {stepName(s.kind)}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {s.roles.map((r) => t(`roles.${r}` as 'roles.approver')).join(' / ')}
                      {s.seats > 1 && ` · ${t('lending.approval.seats', { count: s.seats })}`}
                    </Typography.Text>
                  </Flex>
                ))}
              </Flex>
            </div>
            {c.next && c.status === 'pending' && (
              <Alert
                type={c.canDecide ? 'warning' : 'info'}
                showIcon
                data-testid="approval-next"
                title={t('lending.approval.nextStep', {
                  step: stepName(c.next.kind),
                  seats: c.next.seatsLeft,
                })}
                description={
                  c.canDecide ? (
                    t('lending.approval.yourTurn')
                  ) : c.cannotDecideBecause ? (
                    <span data-testid="approval-cannot-decide" data-reason={c.cannotDecideBecause}>
                      {t(`lending.approval.cannotDecide.${c.cannotDecideBecause}`)}
                    </span>
                  ) : undefined
                }
              />
            )}
            <div>
              <Typography.Text strong>{t('lending.approval.decisions')}</Typography.Text>
              <Table<Decision>
                size="small"
                rowKey="seq"
                pagination={false}
                dataSource={c.decisions}
                columns={decisionColumns}
                scroll={{ x: true }}
                locale={{ emptyText: t('lending.approval.noDecisions') }}
                onRow={() => ({ 'data-testid': 'approval-decision' }) as HTMLAttributes<HTMLElement>}
              />
            </div>
            <PendingDisclosure approval={c} />
            {c.canDecide && <ApprovalDecisionForm approval={c} onDecided={approval.set} />}
          </>
        )}
        {maySubmit && (
          <Flex vertical gap={8} data-testid="approval-submit-panel">
            <Typography.Text type="secondary">{t('lending.approval.submitHint')}</Typography.Text>
            <LendingErrorAlert error={submitError} />
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submitting}
              onClick={() => void submit()}
              data-testid="approval-submit"
            >
              {t('lending.approval.submit')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
