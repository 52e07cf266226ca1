import { Button, Grid, Space, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src/contracts/accounts.schema';
import { useSession } from '../features/accounts/session-context';

/** The logged-in user and the logout button; on phones only icons, to fit a 390px header. */
export function UserMenu({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { logout } = useSession();
  const screens = Grid.useBreakpoint();
  const { account } = session;
  return (
    <Space size={4}>
      <Typography.Text
        style={{ color: 'inherit' }}
        data-testid="current-user"
        title={t(`roles.${account.role}`)}
      >
        <UserOutlined /> {account.displayName}
        {screens.md && <span style={{ opacity: 0.7 }}> · {t(`roles.${account.role}`)}</span>}
      </Typography.Text>
      <Button
        type="text"
        icon={<LogoutOutlined />}
        onClick={() => void logout()}
        data-testid="logout"
        aria-label={t('header.logout')}
        style={{ color: 'inherit' }}
      >
        {screens.md && t('header.logout')}
      </Button>
    </Space>
  );
}
