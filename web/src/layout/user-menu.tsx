import { Button, Grid, Space, Typography } from 'antd';
import { LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../src/contracts/accounts.schema';
import { useSession } from '../features/accounts/session-context';

/** The logged-in user (a link to the security settings) and the logout button; on phones only icons, to fit a 390px header. */
export function UserMenu({ session }: { session: SessionView }) {
  const { t } = useTranslation();
  const { logout } = useSession();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { account } = session;
  return (
    <Space size={4}>
      {/* The name opens the security settings (second factors, sessions and devices); no extra icon on phones. */}
      <Button
        type="text"
        onClick={() => void navigate('/security')}
        data-testid="security-link"
        title={t('security.title')}
        aria-label={`${account.displayName} · ${t('security.title')}`}
        style={{ color: 'inherit', paddingInline: 4 }}
      >
        <Typography.Text
          style={{ color: 'inherit', whiteSpace: 'nowrap', maxWidth: screens.md ? undefined : 96 }}
          ellipsis
          data-testid="current-user"
        >
          <UserOutlined /> {account.displayName}
          {screens.md && <span style={{ opacity: 0.7 }}> · {t(`roles.${account.role}`)}</span>}
        </Typography.Text>
        {screens.md && <SafetyCertificateOutlined aria-hidden />}
      </Button>
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
