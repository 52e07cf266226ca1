import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Input, Result, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../src/contracts/accounts.schema';
import type {
  ReconciliationReport,
  StoredReconciliationReportView,
} from '../../../../src/contracts/disbursement.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { PageTitle } from '../../shared/page-title';
import { useSession } from '../accounts/session-context';
import { fetchReconciliation, fetchReconciliationReports } from './lending-api';
import { LendingErrorAlert } from './lending-error-alert';

type Mismatch = ReconciliationReport['mismatches'][number];

/** Who may see the reconciliation (the route's access list). */
export const reconciliationRoles: readonly Role[] = ['approver', 'risk_officer', 'admin'];

/** Today in China, YYYY-MM-DD: the calendar the report's days follow. */
function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** 日终对账: the day's disbursements against the payments booked, mismatches, and the ledger's balance. */
export function ReconciliationPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.account.role;
  const mayView = role !== undefined && reconciliationRoles.includes(role);
  if (!mayView) return <NoAccess />;
  return <Report title={t('lending.reconciliation.title')} />;
}

function NoAccess() {
  const { t } = useTranslation();
  return (
    <div className="page-wide">
      <Result
        status="403"
        title={t('lending.common.noAccess')}
        subTitle={t('lending.common.noAccessHint')}
        data-testid="reconciliation-no-access"
      />
    </div>
  );
}

function Report({ title }: { title: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayInChina);
  const report = useResource(() => fetchReconciliation(date || undefined), [date]);
  if (report.error instanceof ApiError && report.error.status === 403) return <NoAccess />;
  const r = report.data;
  const money = (v: string | null) => (v === null ? '—' : formatYuan(v));
  const columns = [
    { key: 'endToEndId', title: t('lending.disbursement.endToEndId'), dataIndex: 'endToEndId' },
    {
      key: 'problem',
      title: t('lending.reconciliation.problem'),
      render: (_: unknown, m: Mismatch) => (
        <Tag color="error">{t(`lending.reconciliation.problems.${m.problem}`)}</Tag>
      ),
    },
    {
      key: 'disbursementStatus',
      title: t('lending.reconciliation.disbursementStatus'),
      render: (_: unknown, m: Mismatch) =>
        m.disbursementStatus ? t(`lending.disbursement.statuses.${m.disbursementStatus}`) : '—',
    },
    {
      key: 'disbursementAmount',
      title: t('lending.reconciliation.disbursementAmount'),
      align: 'right' as const,
      render: (_: unknown, m: Mismatch) => money(m.disbursementAmount),
    },
    {
      key: 'paymentStatus',
      title: t('lending.reconciliation.paymentStatus'),
      render: (_: unknown, m: Mismatch) => m.paymentStatus ?? '—',
    },
    {
      key: 'paymentAmount',
      title: t('lending.reconciliation.paymentAmount'),
      align: 'right' as const,
      render: (_: unknown, m: Mismatch) => money(m.paymentAmount),
    },
  ];

  return (
    <div className="page-wide" data-testid="reconciliation-page">
      <PageTitle
        title={title}
        extra={
          <Flex gap={8} align="center">
            <Typography.Text>{t('lending.reconciliation.date')}</Typography.Text>
            <Input
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              style={{ width: 170 }}
              data-testid="reconciliation-date"
            />
            <Button icon={<ReloadOutlined />} onClick={report.reload} data-testid="reconciliation-reload">
              {t('lending.common.reload')}
            </Button>
          </Flex>
        }
      />
      <LendingErrorAlert error={report.error} />
      {(r || report.loading) && (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small" loading={report.loading && !r} data-testid="reconciliation-disbursements">
                <Statistic
                  title={t('lending.reconciliation.disbursements')}
                  value={r ? formatYuan(r.disbursements.total) : ''}
                  suffix={
                    r && <small>{t('lending.reconciliation.count', { count: r.disbursements.count })}</small>
                  }
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={report.loading && !r} data-testid="reconciliation-payments">
                <Statistic
                  title={t('lending.reconciliation.payments')}
                  value={r ? formatYuan(r.payments.total) : ''}
                  suffix={
                    r && <small>{t('lending.reconciliation.count', { count: r.payments.count })}</small>
                  }
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small" loading={report.loading && !r} data-testid="reconciliation-matched">
                <Statistic title={t('lending.reconciliation.matched')} value={r?.matched ?? ''} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card
                size="small"
                loading={report.loading && !r}
                data-testid="reconciliation-balanced"
                data-balanced={r ? String(r.ledger.isBalanced) : undefined}
              >
                <Statistic
                  title={t('lending.reconciliation.balanced')}
                  value={
                    r
                      ? t(r.ledger.isBalanced ? 'lending.reconciliation.yes' : 'lending.reconciliation.no')
                      : ''
                  }
                  styles={{ content: { color: r && !r.ledger.isBalanced ? '#cf1322' : '#389e0d' } }}
                />
              </Card>
            </Col>
          </Row>
          {r && (
            <>
              <Typography.Text type="secondary" data-testid="reconciliation-meta">
                {[
                  `${t('lending.reconciliation.date')} ${r.date}`,
                  `${t('lending.reconciliation.gateway')} ${r.gateway}`,
                  `${t('lending.reconciliation.generatedAt')} ${formatDateTime(r.generatedAt)}`,
                  `${t('lending.reconciliation.sumOfBalances')} ${formatYuan(r.ledger.sumOfBalances)}`,
                ].join(' · ')}
              </Typography.Text>
              {r.ledger.unbalancedEntries.length > 0 && (
                <Card size="small" title={t('lending.reconciliation.unbalancedEntries')}>
                  <ul data-testid="reconciliation-unbalanced">
                    {r.ledger.unbalancedEntries.map((e) => (
                      <li key={e}>{e}</li>
                    ))}
                  </ul>
                </Card>
              )}
              <Card size="small" title={t('lending.reconciliation.mismatches')}>
                <div data-testid="reconciliation-mismatches" data-count={r.mismatches.length}>
                  <Table<Mismatch>
                    size="small"
                    rowKey={(m) => `${m.endToEndId}-${m.problem}`}
                    pagination={false}
                    dataSource={r.mismatches}
                    columns={columns}
                    scroll={{ x: true }}
                    locale={{ emptyText: t('lending.reconciliation.noMismatches') }}
                    onRow={(m) =>
                      ({
                        'data-testid': 'reconciliation-mismatch',
                        'data-problem': m.problem,
                      }) as HTMLAttributes<HTMLElement>
                    }
                  />
                </div>
              </Card>
            </>
          )}
        </Flex>
      )}
      <StoredReports onPick={setDate} />
    </div>
  );
}

/** The days the daily job reconciled and kept (newest first); picking one shows it above. */
function StoredReports({ onPick }: { onPick: (day: string) => void }) {
  const { t } = useTranslation();
  const stored = useResource(() => fetchReconciliationReports(), []);
  const yesNo = (v: boolean) => t(v ? 'lending.reconciliation.yes' : 'lending.reconciliation.no');
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={t('lending.reconciliation.storedReports')}
      extra={<Typography.Text type="secondary">{t('lending.reconciliation.storedHint')}</Typography.Text>}
      data-testid="reconciliation-stored"
    >
      <LendingErrorAlert error={stored.error} />
      <Table<StoredReconciliationReportView>
        size="small"
        rowKey="day"
        loading={stored.loading}
        pagination={false}
        dataSource={stored.data?.items ?? []}
        scroll={{ x: true }}
        locale={{ emptyText: t('lending.reconciliation.noStoredReports') }}
        onRow={(r) =>
          ({
            'data-testid': 'reconciliation-stored-day',
            'data-day': r.day,
            'data-mismatches': r.mismatches,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'day',
            title: t('lending.reconciliation.day'),
            render: (_: unknown, r) => (
              <Typography.Link onClick={() => onPick(r.day)}>{r.day}</Typography.Link>
            ),
          },
          {
            key: 'matched',
            title: t('lending.reconciliation.matched'),
            dataIndex: 'matched',
            align: 'right',
          },
          {
            key: 'mismatches',
            title: t('lending.reconciliation.mismatches'),
            align: 'right',
            render: (_: unknown, r) =>
              r.mismatches > 0 ? <Tag color="error">{r.mismatches}</Tag> : r.mismatches,
          },
          {
            key: 'balanced',
            title: t('lending.reconciliation.balanced'),
            render: (_: unknown, r) => (r.isBalanced ? yesNo(true) : <Tag color="error">{yesNo(false)}</Tag>),
          },
          {
            key: 'ranAt',
            title: t('lending.reconciliation.ranAt'),
            render: (_: unknown, r) => formatDateTime(r.ranAt),
          },
        ]}
      />
    </Card>
  );
}
