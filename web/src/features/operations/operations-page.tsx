import { Card, Col, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { OperationsDashboard } from '../../../../src/contracts/operations.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { StatusTag } from '../../shared/status-tag';
import { useLocalised } from '../../shared/use-localised';
import { EChart } from '../risk/e-chart';
import type { ChartOption } from '../risk/echarts-setup';
import { fetchOperationsDashboard } from './operations-api';

type Dashboard = OperationsDashboard;
type Breach = Dashboard['sla']['breaches'][number];
type WorkLine = { key: string; role: string; queue: string; count: number; isTotal: boolean };

const periods = [7, 30, 90] as const;
const statusText = (t: TFunction, s: string) => t(`statuses.${s as ApplicationStatus}`);

function funnelOption(d: Dashboard, t: TFunction): ChartOption {
  const rows = [...d.funnel].reverse(); // the first stage on top
  return {
    grid: { left: 8, right: 80, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => statusText(t, r.stage)) },
    series: [
      {
        type: 'bar',
        name: t('operations.dashboard.reached'),
        data: rows.map((r) => r.reached),
        itemStyle: { color: '#1677ff' },
        label: {
          show: true,
          position: 'right',
          formatter: (p: { dataIndex: number }) => {
            const r = rows[p.dataIndex]!;
            return r.ofSubmitted === null
              ? `${r.reached}`
              : `${r.reached} (${Math.round(r.ofSubmitted * 100)}%)`;
          },
        },
      },
    ],
  };
}

/** The operations dashboard: funnel, times to decision and cash, work per role, SLA breaches. */
export function OperationsPage() {
  const { t } = useTranslation();
  const localised = useLocalised();
  const [days, setDays] = useState<number>(30);
  const dashboard = useResource(() => fetchOperationsDashboard(days), [days]);
  const d = dashboard.data;
  const option = useMemo(() => (d ? funnelOption(d, t) : undefined), [d, t]);
  const hours = (v: number | null) =>
    v === null ? t('operations.dashboard.none') : t('operations.dashboard.hours', { value: v });

  const workLines: WorkLine[] = (d?.workPerRole ?? []).flatMap((r) => [
    ...r.queues.map((q) => ({
      key: `${r.role}:${q.queue}`,
      role: r.role,
      queue: q.queue,
      count: q.count,
      isTotal: false,
    })),
    { key: `${r.role}:total`, role: r.role, queue: 'total', count: r.total, isTotal: true },
  ]);
  const disbursed = d?.funnel.find((f) => f.stage === 'disbursed')?.reached ?? 0;

  return (
    <div className="page-wide">
      <PageTitle
        title={t('operations.dashboard.title')}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('operations.dashboard.period')}</Typography.Text>
            <Segmented<number>
              value={days}
              onChange={setDays}
              options={periods.map((p) => ({
                value: p,
                label: t('operations.dashboard.days', { count: p }),
              }))}
              data-testid="operations-period"
            />
          </Space>
        }
      />
      <ErrorAlert error={dashboard.error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card loading={dashboard.loading && !d}>
            <Statistic
              title={t('operations.dashboard.submitted')}
              value={d?.submitted ?? 0}
              data-testid="stat-submitted"
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={dashboard.loading && !d}>
            <Statistic title={t('operations.dashboard.disbursed')} value={disbursed} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={dashboard.loading && !d}>
            <Statistic
              title={`${t('operations.dashboard.toDecision')} · ${t('operations.dashboard.medianP90')}`}
              value={`${hours(d?.times.submissionToDecision.medianHours ?? null)} / ${hours(d?.times.submissionToDecision.p90Hours ?? null)}`}
              valueStyle={{ fontSize: 18 }}
            />
            <Typography.Text type="secondary">
              {t('operations.dashboard.sample', { count: d?.times.submissionToDecision.count ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card loading={dashboard.loading && !d}>
            <Statistic
              title={`${t('operations.dashboard.toDisbursement')} · ${t('operations.dashboard.medianP90')}`}
              value={`${hours(d?.times.submissionToDisbursement.medianHours ?? null)} / ${hours(d?.times.submissionToDisbursement.p90Hours ?? null)}`}
              valueStyle={{ fontSize: 18 }}
            />
            <Typography.Text type="secondary">
              {t('operations.dashboard.sample', { count: d?.times.submissionToDisbursement.count ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('operations.dashboard.percentileNote')}
      </Typography.Paragraph>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('operations.dashboard.funnelTitle')}>
            {option && <EChart option={option} height={340} testId="operations-funnel" />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('operations.dashboard.currentTitle')}>
            <Space wrap data-testid="operations-current">
              {(d?.currentByState ?? [])
                .filter((s) => s.count > 0)
                .map((s) => (
                  <Space key={s.state} size={4}>
                    <StatusTag status={s.state as ApplicationStatus} testId={`current-${s.state}`} />
                    <Typography.Text strong>{s.count}</Typography.Text>
                  </Space>
                ))}
            </Space>
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card title={t('operations.dashboard.workTitle')}>
            <Table<WorkLine>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={workLines}
              data-testid="operations-work"
              columns={[
                {
                  title: t('operations.dashboard.role'),
                  dataIndex: 'role',
                  render: (role: string, line) =>
                    line.isTotal ? '' : t(`operations.dashboard.roles.${role as 'loan_officer'}`),
                  onCell: (line) => ({
                    rowSpan: line.isTotal
                      ? 1
                      : line.key === workLines.find((l) => l.role === line.role)?.key
                        ? workLines.filter((l) => l.role === line.role && !l.isTotal).length
                        : 0,
                  }),
                },
                {
                  title: t('operations.dashboard.queue'),
                  dataIndex: 'queue',
                  render: (queue: string, line) =>
                    line.isTotal ? (
                      <Typography.Text strong>{t('operations.dashboard.total')}</Typography.Text>
                    ) : (
                      t(`operations.dashboard.queues.${queue as 'under_review'}`)
                    ),
                },
                {
                  title: t('operations.dashboard.count'),
                  dataIndex: 'count',
                  align: 'right',
                  render: (n: number, line) =>
                    line.isTotal ? <Typography.Text strong>{n}</Typography.Text> : n,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={t('operations.dashboard.slaTitle')}
            extra={
              d && (
                <Tag color={d.sla.breachCount > 0 ? 'error' : 'success'} data-testid="sla-breach-count">
                  {t('operations.dashboard.breaches')}: {d.sla.breachCount}
                </Tag>
              )
            }
          >
            {d && (
              <Typography.Paragraph type="secondary">
                {t('operations.dashboard.slaPolicy', { version: d.sla.policyVersion })}:{' '}
                {d.sla.rules.map((r) => `${localised(r.label)} ≤ ${r.maxHours} h`).join(' · ')}
              </Typography.Paragraph>
            )}
            <Table<Breach>
              size="small"
              rowKey="applicationId"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={d?.sla.breaches ?? []}
              locale={{ emptyText: t('operations.dashboard.noBreaches') }}
              data-testid="operations-breaches"
              columns={[
                {
                  title: t('operations.dashboard.reference'),
                  dataIndex: 'reference',
                  render: (ref: string, b) => (
                    <Link to={`/staff/applications/${b.applicationId}`}>{ref}</Link>
                  ),
                },
                {
                  title: t('operations.dashboard.state'),
                  dataIndex: 'state',
                  render: (s: string) => <StatusTag status={s as ApplicationStatus} />,
                },
                {
                  title: t('operations.dashboard.since'),
                  dataIndex: 'since',
                  render: (v: string) => formatDateTime(v),
                },
                {
                  title: t('operations.dashboard.limit'),
                  dataIndex: 'maxHours',
                  align: 'right',
                  render: (h: number) => hours(h),
                },
                {
                  title: t('operations.dashboard.hoursOver'),
                  dataIndex: 'hoursOver',
                  align: 'right',
                  render: (h: number) => <Typography.Text type="danger">{hours(h)}</Typography.Text>,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
