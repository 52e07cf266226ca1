import { Flex, Layout, Menu, Space } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { Role } from '../../../src/contracts/accounts.schema';
import { useSession } from '../features/accounts/session-context';
import { NotificationBell } from '../features/notifications/notification-bell';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';

/** Each role's pages, in the header; `also` are further paths under which the item counts as current. */
function menuItems(role: Role, t: TFunction): { path: string; label: string; also?: string[] }[] {
  switch (role) {
    case 'borrower_individual':
    case 'borrower_enterprise':
      return [
        { path: '/applications', label: t('myApplications.title') },
        { path: '/contracts', label: t('contracts.menu') },
        { path: '/guarantees', label: t('guarantors.menu') },
        { path: '/interviews', label: t('interview.menu') },
        { path: '/verify', label: t('identity.menu') },
        { path: '/receipts', label: t('ledger.receipts.menu') },
      ];
    case 'admin':
      return [
        { path: '/admin/accounts', label: t('admin.accountsTitle') },
        { path: '/admin/sms-outbox', label: t('identity.outbox.title') },
        { path: '/admin/mail-outbox', label: t('operations.mailOutboxMenu') },
        { path: '/staff/operations', label: t('operations.menu') },
        { path: '/admin/seal-authorisations', label: t('contracts.seal.menu') },
        { path: '/staff/ledger', label: t('ledger.menu') },
        { path: '/staff/risk', label: t('risk.menu') },
      ];
    default:
      return [
        { path: '/staff/queue', label: t('queue.title'), also: ['/staff/applications'] },
        { path: '/staff/interviews', label: t('interview.menu') },
        { path: '/staff/operations', label: t('operations.menu') },
        // The disbursement reconciliation: approvers and risk officers, not loan officers.
        ...(role === 'loan_officer' ? [] : [{ path: '/staff/reconciliation', label: t('lending.menu') }]),
        { path: '/staff/ledger', label: t('ledger.menu') },
        // Loan officers do not see the models' monitoring; risk officers and approvers do.
        ...(role === 'loan_officer' ? [] : [{ path: '/staff/risk', label: t('risk.menu') }]),
      ];
  }
}

export function AppHeader() {
  const { t } = useTranslation();
  const { session } = useSession();
  const { pathname } = useLocation();
  const items = session ? menuItems(session.account.role, t) : [];
  const current = items.find((item) =>
    [item.path, ...(item.also ?? [])].some((p) => pathname === p || pathname.startsWith(`${p}/`)),
  );
  return (
    <Layout.Header style={{ paddingInline: 12, color: '#fff', position: 'sticky', top: 0, zIndex: 10 }}>
      <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={8}>
        <Link
          to="/"
          style={{ color: '#fff', fontWeight: 600, fontSize: 17, whiteSpace: 'nowrap' }}
          data-testid="app-name"
        >
          {t('app.name')}
        </Link>
        {/* Collapses into a "…" menu when the header is too narrow (phones). */}
        {items.length > 0 && (
          <Menu
            theme="dark"
            mode="horizontal"
            // On a phone a tap counts as a hover: open the overflow menu by click so it closes after a choice.
            triggerSubMenuAction="click"
            selectedKeys={current ? [current.path] : []}
            items={items.map((item) => ({
              key: item.path,
              label: (
                <Link to={item.path} data-testid={`nav-${item.path.slice(1).replaceAll('/', '-')}`}>
                  {item.label}
                </Link>
              ),
            }))}
            // At least the width of the "…" that holds the items that do not fit, so it never hides under the buttons.
            style={{ flex: 1, minWidth: 46, background: 'transparent', borderBottom: 'none' }}
            data-testid="nav-menu"
          />
        )}
        <Space size={0}>
          <NotificationBell />
          <LanguageSwitch />
          {session && <UserMenu session={session} />}
        </Space>
      </Flex>
    </Layout.Header>
  );
}
