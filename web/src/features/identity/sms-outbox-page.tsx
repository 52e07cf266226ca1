import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SmsOutboxView } from '../../../../src/contracts/identity.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { PageTitle } from '../../shared/page-title';
import { fetchSmsOutbox } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';

type Message = SmsOutboxView['items'][number];

/** Administrators, in development: the text messages the platform would have sent. */
export function SmsOutboxPage() {
  const { t } = useTranslation();
  const outbox = useResource(() => fetchSmsOutbox(), []);
  return (
    <div className="page-wide">
      <PageTitle title={t('identity.outbox.title')} />
      <IdentityErrorAlert error={outbox.error} />
      <Table<Message>
        data-testid="sms-outbox-table"
        rowKey="id"
        loading={outbox.loading}
        dataSource={outbox.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: t('identity.outbox.sentAt'),
            dataIndex: 'sentAt',
            render: (v: string) => formatDateTime(v),
            width: 180,
          },
          { title: t('identity.outbox.mobile'), dataIndex: 'mobileMasked', width: 140 },
          { title: t('identity.outbox.text'), dataIndex: 'text' },
        ]}
      />
    </div>
  );
}
