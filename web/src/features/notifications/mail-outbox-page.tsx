import { Alert, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MailOutboxView } from '../../../../src/contracts/notifications.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { fetchMailOutbox } from './notifications-api';

type Mail = MailOutboxView['items'][number];
const colours: Record<Mail['status'], string> = { queued: 'processing', sent: 'success', failed: 'error' };

/** The development e-mail outbox (administrators, development mode). */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const outbox = useResource(() => fetchMailOutbox(), []);
  return (
    <div className="page-wide">
      <PageTitle title={t('operations.mailOutbox.title')} />
      <Alert type="info" showIcon title={t('operations.mailOutbox.note')} style={{ marginBottom: 16 }} />
      <ErrorAlert error={outbox.error} />
      <Table<Mail>
        data-testid="mail-outbox-table"
        rowKey="id"
        loading={outbox.loading}
        dataSource={outbox.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        expandable={{
          expandedRowRender: (m) => (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {m.text}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          {
            title: t('operations.mailOutbox.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v),
            width: 180,
          },
          { title: t('operations.mailOutbox.to'), dataIndex: 'to', width: 220 },
          { title: t('operations.mailOutbox.subject'), dataIndex: 'subject' },
          {
            title: t('operations.mailOutbox.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: Mail['status'], m) => (
              <Tag color={colours[s]} title={m.lastError ?? undefined}>
                {t(`operations.mailOutbox.statuses.${s}`)}
              </Tag>
            ),
          },
          { title: t('operations.mailOutbox.attempts'), dataIndex: 'attempts', width: 100 },
        ]}
      />
    </div>
  );
}
