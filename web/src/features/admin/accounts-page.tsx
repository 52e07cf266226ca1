import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AccountView } from '../../../../src/contracts/accounts.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { fetchAccounts } from './admin-api';

/** Administrators' landing page: every account with its role and state. */
export function AccountsPage() {
  const { t } = useTranslation();
  const accounts = useResource(() => fetchAccounts(), []);
  return (
    <div className="page-wide">
      <PageTitle title={t('admin.accountsTitle')} />
      <ErrorAlert error={accounts.error} />
      <Table<AccountView>
        data-testid="accounts-table"
        rowKey="id"
        loading={accounts.loading}
        dataSource={accounts.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('admin.displayName'), dataIndex: 'displayName' },
          {
            title: t('admin.role'),
            dataIndex: 'role',
            render: (role: AccountView['role']) => t(`roles.${role}`),
          },
          { title: t('admin.mobile'), dataIndex: 'mobileMasked' },
          { title: t('admin.company'), dataIndex: 'companyName', render: (v: string | null) => v ?? '—' },
          {
            title: t('admin.state'),
            dataIndex: 'isDisabled',
            render: (disabled: boolean) => (
              <Tag color={disabled ? 'red' : 'green'}>{t(disabled ? 'admin.disabled' : 'admin.active')}</Tag>
            ),
          },
          { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
    </div>
  );
}
