import { Table, Tag, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ApplicationPage, ApplicationSummary } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { StatusTag } from '../../shared/status-tag';

interface Props {
  page: ApplicationPage | undefined;
  loading: boolean;
  productName: (code: string) => string;
  onPage: (page: number, pageSize: number) => void;
}

/** One page of the queue; paging happens on the server. */
export function QueueTable({ page, loading, productName, onPage }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dash = '—';

  const columns: TableColumnsType<ApplicationSummary> = [
    {
      key: 'reference',
      title: t('queue.reference'),
      dataIndex: 'reference',
      render: (reference: string, row) => (
        <Link
          to={`/staff/applications/${row.id}`}
          data-testid="queue-open"
          onClick={(e) => e.stopPropagation()}
        >
          {reference}
        </Link>
      ),
    },
    {
      key: 'applicant',
      title: t('queue.applicant'),
      dataIndex: 'applicantName',
      render: (name: string | null) => name ?? dash,
    },
    {
      key: 'kind',
      title: t('queue.kind'),
      dataIndex: 'kind',
      render: (kind: ApplicationSummary['kind']) => t(`kinds.${kind}`),
    },
    { key: 'product', title: t('common.product'), dataIndex: 'productCode', render: productName },
    {
      key: 'amount',
      title: t('fields.loan.amount'),
      dataIndex: 'amount',
      align: 'right',
      render: (amount: string | null) => (amount ? formatYuan(amount) : dash),
    },
    {
      key: 'status',
      title: t('queue.status'),
      dataIndex: 'status',
      render: (status: ApplicationSummary['status']) => <StatusTag status={status} />,
    },
    {
      key: 'screening',
      title: t('queue.screening'),
      dataIndex: 'screeningDecision',
      render: (decision: ApplicationSummary['screeningDecision']) =>
        decision ? (
          <Tag color={decision === 'pass' ? 'success' : 'error'}>{t(`decisions.${decision}`)}</Tag>
        ) : (
          dash
        ),
    },
    {
      key: 'submittedAt',
      title: t('queue.submittedAt'),
      dataIndex: 'submittedAt',
      render: (at: string | null) => (at ? formatDateTime(at) : dash),
    },
  ];

  const pagination: TablePaginationConfig = {
    current: page?.page,
    pageSize: page?.pageSize,
    total: page?.total,
    showSizeChanger: true,
    showTotal: (total) => t('queue.total', { total }),
  };

  return (
    <Table<ApplicationSummary>
      data-testid="queue-table"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={page?.items ?? []}
      loading={loading}
      pagination={pagination}
      onChange={(p) => onPage(p.current ?? 1, p.pageSize ?? pagination.pageSize ?? 20)}
      onRow={(row) => ({
        onClick: () => navigate(`/staff/applications/${row.id}`),
        style: { cursor: 'pointer' },
      })}
      scroll={{ x: 'max-content' }}
    />
  );
}
