import { Flex, Layout, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSession } from '../features/accounts/session-context';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';

export function AppHeader() {
  const { t } = useTranslation();
  const { session } = useSession();
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
        <Space size={0}>
          <LanguageSwitch />
          {session && <UserMenu session={session} />}
        </Space>
      </Flex>
    </Layout.Header>
  );
}
