import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Row,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';
import type { CollateralView } from '../../../../src/contracts/collateral.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { useSession } from '../accounts/session-context';
import { fetchCollateral } from './collateral-api';
import { CollateralErrorAlert } from './collateral-error-alert';
import { AddCollateralModal, ProjectionModal, ValuationModal } from './collateral-forms';

type Item = CollateralView['items'][number];
type Valuation = Item['valuations'][number];

/** From review to disbursement: editable under review … approved, read-only afterwards. */
const collateralStages: readonly ApplicationStatus[] = [
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
  'contract_signed',
  'disbursed',
];
const editorRoles = ['loan_officer', 'risk_officer'];

const money = (v: string | null) => (v === null ? '—' : formatYuan(v));

/** A ratio with its limit and a green (within) or red (outside) tag. */
function RatioStatistic({
  title,
  value,
  limit,
  isOk,
  testId,
}: {
  title: string;
  value: string | null;
  limit: string | null;
  isOk: boolean | null;
  testId: string;
}) {
  return (
    <Statistic
      title={title}
      value={value ?? '—'}
      valueRender={() => <span data-testid={testId}>{value ?? '—'}</span>}
      suffix={
        limit !== null && (
          <Tag
            color={isOk === null ? 'default' : isOk ? 'green' : 'red'}
            data-testid={`${testId}-tag`}
            style={{ marginLeft: 8 }}
          >
            {limit}
          </Tag>
        )
      }
    />
  );
}

function ValuationHistory({ item }: { item: Item }) {
  const { t } = useTranslation();
  if (item.valuations.length === 0)
    return <Typography.Text type="secondary">{t('collateral.valuations.none')}</Typography.Text>;
  return (
    <Table<Valuation>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={item.valuations}
      data-testid={`collateral-history-${item.id}`}
      columns={[
        { title: t('collateral.valuations.seq'), dataIndex: 'seq', width: 50 },
        {
          title: t('collateral.valuations.appraisedValue'),
          dataIndex: 'appraisedValue',
          render: (v: string, r) => (
            <Flex gap={4} align="center">
              {formatYuan(v)}
              {r.isCurrent && <Tag color="blue">{t('collateral.valuations.current')}</Tag>}
            </Flex>
          ),
        },
        { title: t('collateral.valuations.valuationDate'), dataIndex: 'valuationDate' },
        {
          title: t('collateral.valuations.method'),
          dataIndex: 'method',
          render: (m: Valuation['method']) => t(`collateral.methods.${m}`),
        },
        { title: t('collateral.valuations.appraiser'), dataIndex: 'appraiser' },
        {
          title: t('collateral.valuations.documents'),
          dataIndex: 'documentIds',
          render: (ids: string[]) => t('collateral.valuations.documentCount', { count: ids.length }),
        },
        {
          title: t('collateral.valuations.recordedAt'),
          dataIndex: 'recordedAt',
          render: (v: string) => formatDateTime(v),
        },
      ]}
    />
  );
}

/**
 * 押品 on the staff application page: LTV, coverage and (project financing) DSCR against their limits,
 * the items with their valuation history, forms to register an item, record a (re)valuation and set
 * the cash-flow projection, and what blocks approval.
 */
export function CollateralCard({
  applicationId,
  applicationStatus,
}: {
  applicationId: string;
  applicationStatus: ApplicationStatus;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const isStage = collateralStages.includes(applicationStatus);
  const collateral = useResource(
    () => (isStage ? fetchCollateral(applicationId) : Promise.resolve(undefined)),
    [applicationId, applicationStatus, isStage],
  );
  const [adding, setAdding] = useState(false);
  const [valuing, setValuing] = useState<string | null>(null);
  const [projecting, setProjecting] = useState(false);
  if (!isStage) return null;
  const c = collateral.data;
  const mayEdit = !!c?.editable && editorRoles.includes(session?.account.role ?? '');
  const saved = (view: CollateralView) => collateral.set(view);

  const ltvOk = c?.summary.ltv == null ? null : Number(c.summary.ltv) <= Number(c.limits.maxLtv);
  const dscrMin = c?.dscr?.minimum ?? null;
  const dscrOk =
    dscrMin === null || c?.limits.minDscr == null ? null : Number(dscrMin) >= Number(c.limits.minDscr);
  const coverageOk =
    c?.summary.coverage == null || c.items.length === 0 ? null : Number(c.summary.coverage) >= 1;

  return (
    <Card
      size="small"
      title={t('collateral.title')}
      data-testid="collateral-card"
      data-state={
        c ? (c.blockers.length > 0 ? 'blocked' : 'clear') : collateral.loading ? 'loading' : 'error'
      }
      loading={collateral.loading && !c && !collateral.error}
      extra={
        mayEdit && (
          <Flex gap={8}>
            {c?.isProjectFinance && c.projectionYears !== null && (
              <Button
                size="small"
                onClick={() => setProjecting(true)}
                data-testid="collateral-projection-open"
              >
                {t('collateral.actions.projection')}
              </Button>
            )}
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="collateral-add-open"
            >
              {t('collateral.actions.addItem')}
            </Button>
          </Flex>
        )
      }
    >
      <CollateralErrorAlert error={collateral.error} />
      {c && (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary" data-testid="collateral-policy">
            {t('collateral.policy', {
              version: c.policyVersion,
              requirement: t(`collateral.requirement.${c.requirement}`),
              months: c.limits.maxValuationAgeMonths,
            })}
          </Typography.Text>
          {c.blockers.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('collateral.blockers.title')}
              data-testid="collateral-blockers"
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {c.blockers.map((b, i) => (
                    <li key={i} data-code={b.code}>
                      {t(`collateral.blockers.${b.code}`, { ...b.details })}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          <Row gutter={[16, 12]}>
            <Col xs={12} md={8}>
              <RatioStatistic
                title={t('collateral.stats.ltv')}
                value={c.summary.ltv}
                limit={`≤ ${c.limits.maxLtv}`}
                isOk={ltvOk}
                testId="collateral-ltv"
              />
            </Col>
            <Col xs={12} md={8}>
              <RatioStatistic
                title={t('collateral.stats.coverage')}
                value={c.summary.coverage}
                limit={
                  coverageOk === null
                    ? null
                    : t(coverageOk ? 'collateral.stats.fullyCovered' : 'collateral.stats.notFullyCovered')
                }
                isOk={coverageOk}
                testId="collateral-coverage"
              />
            </Col>
            {c.isProjectFinance && (
              <Col xs={12} md={8}>
                <RatioStatistic
                  title={t('collateral.stats.dscr')}
                  value={dscrMin}
                  limit={c.limits.minDscr === null ? null : `≥ ${c.limits.minDscr}`}
                  isOk={dscrOk}
                  testId="collateral-dscr"
                />
              </Col>
            )}
          </Row>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('collateral.stats.totalAppraised')}>
              {formatYuan(c.summary.totalAppraised)}
            </Descriptions.Item>
            <Descriptions.Item label={t('collateral.stats.totalLendable')}>
              {formatYuan(c.summary.totalLendable)}
            </Descriptions.Item>
            <Descriptions.Item label={t('collateral.stats.loanAmount')}>
              {money(c.loan?.amount ?? null)}
            </Descriptions.Item>
          </Descriptions>
          {c.items.length === 0 ? (
            <Empty description={t('collateral.empty')} data-testid="collateral-empty" />
          ) : (
            <Table<Item>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.items}
              data-testid="collateral-items"
              scroll={{ x: true }}
              expandable={{ expandedRowRender: (item) => <ValuationHistory item={item} /> }}
              columns={[
                {
                  title: t('collateral.columns.type'),
                  dataIndex: 'type',
                  render: (v: Item['type']) => t(`collateral.types.${v}`),
                },
                {
                  title: t('collateral.columns.description'),
                  dataIndex: 'description',
                  render: (v: string, r) => (
                    <Flex vertical>
                      <span>{v}</span>
                      {r.location && <Typography.Text type="secondary">{r.location}</Typography.Text>}
                    </Flex>
                  ),
                },
                { title: t('collateral.columns.owner'), dataIndex: 'ownerName' },
                {
                  title: t('collateral.columns.currentValue'),
                  dataIndex: 'currentValue',
                  render: (v: string | null, r) => (
                    <Flex vertical>
                      <span>{money(v)}</span>
                      {r.valuationDate && (
                        <Typography.Text type={r.isStale ? 'danger' : 'secondary'}>
                          {r.valuationDate}
                          {r.isStale && ` · ${t('collateral.valuations.stale')}`}
                        </Typography.Text>
                      )}
                    </Flex>
                  ),
                },
                { title: t('collateral.columns.haircut'), dataIndex: 'haircut' },
                {
                  title: t('collateral.columns.lendableValue'),
                  dataIndex: 'lendableValue',
                  render: (v: string | null) => money(v),
                },
                ...(mayEdit
                  ? [
                      {
                        title: t('collateral.columns.actions'),
                        key: 'actions',
                        render: (_: unknown, r: Item) => (
                          <Button
                            size="small"
                            onClick={() => setValuing(r.id)}
                            data-testid={`collateral-value-${r.id}`}
                          >
                            {t(
                              r.currentValue === null
                                ? 'collateral.actions.value'
                                : 'collateral.actions.revalue',
                            )}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )}
          {c.isProjectFinance && c.dscr && (
            <Table
              size="small"
              rowKey="year"
              pagination={false}
              title={() => t('collateral.dscr.title')}
              dataSource={c.dscr.years}
              data-testid="collateral-dscr-years"
              columns={[
                { title: t('collateral.dscr.year'), dataIndex: 'year' },
                {
                  title: t('collateral.dscr.cashFlow'),
                  dataIndex: 'cashFlow',
                  render: (v: string) => formatYuan(v),
                },
                {
                  title: t('collateral.dscr.debtService'),
                  dataIndex: 'debtService',
                  render: (v: string) => formatYuan(v),
                },
                {
                  title: t('collateral.dscr.dscr'),
                  dataIndex: 'dscr',
                  render: (v: string | null) =>
                    v === null ? (
                      '—'
                    ) : (
                      <Tag
                        color={
                          c.limits.minDscr !== null && Number(v) < Number(c.limits.minDscr) ? 'red' : 'green'
                        }
                      >
                        {v}
                      </Tag>
                    ),
                },
              ]}
            />
          )}
        </Flex>
      )}
      <AddCollateralModal
        applicationId={applicationId}
        open={adding}
        onClose={() => setAdding(false)}
        onSaved={saved}
      />
      <ValuationModal
        applicationId={applicationId}
        collateralId={valuing}
        open={valuing !== null}
        onClose={() => setValuing(null)}
        onSaved={saved}
      />
      {c?.isProjectFinance && c.projectionYears !== null && (
        <ProjectionModal
          applicationId={applicationId}
          years={c.projectionYears}
          current={c.projection}
          open={projecting}
          onClose={() => setProjecting(false)}
          onSaved={saved}
        />
      )}
    </Card>
  );
}
