import { BankOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { DisbursementView } from '../../../../src/contracts/disbursement.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { compareYuan, formatYuan, yuanPattern } from '../../shared/money';
import { useSession } from '../accounts/session-context';
import { fetchApplicationContract } from '../contracts/contracts-api';
import { useStepUp } from '../security/use-step-up';
import { fetchDisbursement, requestDisbursement } from './lending-api';
import { LendingErrorAlert } from './lending-error-alert';
import { newIdempotencyKey } from './lending-format';

const disbursementStages: readonly ApplicationStatus[] = ['contract_signed', 'disbursed'];
const statusColours = {
  requested: 'processing',
  sent: 'processing',
  settled: 'success',
  failed: 'error',
} as const;
/** How often the card asks again while the payment is on its way. */
const pollMs = 1500;

/** The key of one intended disbursement, kept across reloads of the tab so a retry reuses it. */
interface IntendedDisbursement {
  key: string;
  amount: string;
  /** The failed disbursement this one follows (a new intention, so a new key). */
  supersedes?: string;
}
const storageKey = (applicationId: string) => `mianqian.disbursement.${applicationId}`;

function storedIntent(applicationId: string): IntendedDisbursement | null {
  try {
    const raw = sessionStorage.getItem(storageKey(applicationId));
    const value = raw ? (JSON.parse(raw) as Partial<IntendedDisbursement>) : null;
    return value && typeof value.key === 'string' && typeof value.amount === 'string'
      ? { key: value.key, amount: value.amount, supersedes: value.supersedes }
      : null;
  } catch {
    return null;
  }
}
function storeIntent(applicationId: string, intent: IntendedDisbursement | null): void {
  try {
    if (intent) sessionStorage.setItem(storageKey(applicationId), JSON.stringify(intent));
    else sessionStorage.removeItem(storageKey(applicationId));
  } catch {
    // Private mode without storage: the key lives in the component only.
  }
}

/**
 * 放款 on the staff application page, once the contract is signed: the approver confirms the contract's
 * amount and disburses (step-up) under an Idempotency-Key made once per intended disbursement and kept in
 * sessionStorage, so a retry after a network error cannot pay twice; then the card follows the payment
 * until it settles or fails.
 */
export function DisbursementCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.account.role;
  const isStage = disbursementStages.includes(applicationStatus);
  const disbursement = useResource(
    () => (isStage ? fetchDisbursement(applicationId) : Promise.resolve(undefined)),
    [applicationId, isStage],
  );
  const contract = useResource(
    () =>
      isStage && role === 'approver' ? fetchApplicationContract(applicationId) : Promise.resolve(undefined),
    [applicationId, isStage, role],
  );
  const { withStepUp, stepUpDialog } = useStepUp();
  const [intent, setIntent] = useState<IntendedDisbursement | null>(() => storedIntent(applicationId));
  const [amount, setAmount] = useState(() => storedIntent(applicationId)?.amount ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [replayed, setReplayed] = useState(false);

  const d = disbursement.data;
  // (A disbursement just requested replaces the data but not the earlier "not found".)
  const isMissing =
    !d && disbursement.error instanceof ApiError && disbursement.error.code === 'DISBURSEMENT_NOT_FOUND';
  const isMoving = d?.status === 'requested' || d?.status === 'sent';
  const { reload } = disbursement;

  // Follow the payment while it is on its way.
  useEffect(() => {
    if (!isMoving) return;
    const timer = setTimeout(reload, pollMs);
    return () => clearTimeout(timer);
  }, [isMoving, d, reload]);

  if (!isStage) return null;

  const contractAmount = contract.data?.amount;
  const mayDisburse =
    role === 'approver' && applicationStatus === 'contract_signed' && (isMissing || d?.status === 'failed');
  const isAmountValid = yuanPattern.test(amount.trim());
  const isAmountRight =
    isAmountValid && contractAmount !== undefined && compareYuan(amount.trim(), contractAmount) === 0;

  const disburse = async () => {
    const confirmed = amount.trim();
    // One key per intended disbursement: reused on a retry of the same amount, new for another amount
    // or after a failed disbursement (which may be followed by a new one).
    const supersedes = d?.status === 'failed' ? d.id : undefined;
    const current =
      intent && intent.amount === confirmed && intent.supersedes === supersedes
        ? intent
        : { key: newIdempotencyKey(), amount: confirmed, ...(supersedes ? { supersedes } : {}) };
    setIntent(current);
    storeIntent(applicationId, current);
    setBusy(true);
    setError(null);
    try {
      const answer = await withStepUp(() =>
        requestDisbursement(
          applicationId,
          { amount: confirmed },
          { idempotencyKey: current.key, csrfToken: session?.csrfToken },
        ),
      );
      setReplayed(answer.isReplay);
      disbursement.set(answer.disbursement);
      disbursement.reload();
    } catch (e) {
      setError(e);
      // A refusal stores nothing on the server and frees the key; a network error keeps it for the retry.
      if (e instanceof ApiError && e.code === 'DISBURSEMENT_EXISTS') disbursement.reload();
    } finally {
      setBusy(false);
    }
  };

  const state = d ? d.status : isMissing ? 'none' : disbursement.loading ? 'loading' : 'error';
  const isNetworkError = error instanceof ApiError && error.code === 'NETWORK_ERROR';

  return (
    <Card
      size="small"
      title={t('lending.disbursement.title')}
      data-testid="disbursement-card"
      data-state={state}
      loading={disbursement.loading && !d && !disbursement.error}
      extra={
        d && (
          <Tag color={statusColours[d.status]} data-testid="disbursement-status" data-status={d.status}>
            {t(`lending.disbursement.statuses.${d.status}`)}
          </Tag>
        )
      }
    >
      <Flex vertical gap={12}>
        {!d && disbursement.error !== null && !isMissing && <LendingErrorAlert error={disbursement.error} />}
        {isMissing && !mayDisburse && (
          <Empty
            description={t(
              applicationStatus === 'contract_signed'
                ? 'lending.disbursement.waitingApprover'
                : 'lending.disbursement.notYet',
            )}
            data-testid="disbursement-empty"
          />
        )}
        {d && <DisbursementDetails disbursement={d} />}
        {replayed && (
          <Alert
            type="info"
            showIcon
            title={t('lending.disbursement.replayed')}
            data-testid="disbursement-replayed"
          />
        )}
        {mayDisburse && (
          <Flex vertical gap={8} data-testid="disbursement-form">
            <Typography.Text strong>{t('lending.disbursement.confirmAmount')}</Typography.Text>
            <Input
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              inputMode="decimal"
              prefix="¥"
              status={amount.trim() !== '' && !isAmountRight ? 'warning' : undefined}
              data-testid="disbursement-amount"
            />
            {contractAmount && (
              <Typography.Text type="secondary" data-testid="disbursement-contract-amount">
                {t('lending.disbursement.confirmHint', { amount: formatYuan(contractAmount) })}
              </Typography.Text>
            )}
            {amount.trim() !== '' && !isAmountRight && (
              <Typography.Text type="warning" data-testid="disbursement-amount-mismatch">
                {t('lending.disbursement.amountMismatch')}
              </Typography.Text>
            )}
            <LendingErrorAlert error={error} />
            {isNetworkError && (
              <Alert
                type="warning"
                showIcon
                title={t('lending.disbursement.retryHint')}
                data-testid="disbursement-retry-hint"
              />
            )}
            <Popconfirm
              title={t('lending.disbursement.confirm', {
                amount: isAmountValid ? formatYuan(amount.trim()) : amount,
              })}
              onConfirm={() => void disburse()}
              disabled={!isAmountRight || busy}
              okButtonProps={{ 'data-testid': 'disbursement-confirm' } as ButtonProps}
              cancelButtonProps={{ 'data-testid': 'disbursement-cancel' } as ButtonProps}
            >
              <Button
                type="primary"
                icon={<BankOutlined />}
                disabled={!isAmountRight}
                loading={busy}
                data-testid="disbursement-submit"
              >
                {t('lending.disbursement.submit')}
              </Button>
            </Popconfirm>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('lending.disbursement.stepUpHint')}
            </Typography.Text>
          </Flex>
        )}
      </Flex>
      {stepUpDialog}
    </Card>
  );
}

function DisbursementDetails({ disbursement: d }: { disbursement: DisbursementView }) {
  const { t } = useTranslation();
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 2 }}
      bordered
      data-testid="disbursement-details"
      data-id={d.id}
    >
      <Descriptions.Item label={t('lending.common.amount')}>
        <span data-testid="disbursement-amount-value">{formatYuan(d.amount)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('lending.disbursement.endToEndId')}>
        <Typography.Text copyable data-testid="disbursement-end-to-end-id">
          {d.endToEndId}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('lending.disbursement.gatewayReference')}>
        <span data-testid="disbursement-gateway-reference">{d.gatewayReference ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('lending.disbursement.requestedAt')}>
        {when(d.requestedAt)}
      </Descriptions.Item>
      <Descriptions.Item label={t('lending.disbursement.sentAt')}>{when(d.sentAt)}</Descriptions.Item>
      {d.status === 'failed' ? (
        <>
          <Descriptions.Item label={t('lending.disbursement.failedAt')}>{when(d.failedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('lending.disbursement.failureReason')}>
            <span data-testid="disbursement-failure-reason">{d.failureReason ?? '—'}</span>
          </Descriptions.Item>
        </>
      ) : (
        <Descriptions.Item label={t('lending.disbursement.settledAt')}>
          <span data-testid="disbursement-settled-at">{when(d.settledAt)}</span>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
