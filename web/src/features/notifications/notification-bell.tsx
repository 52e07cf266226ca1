import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../accounts/session-context';
import { fetchNotifications, notificationsChanged } from './notifications-api';

const POLL_MS = 60_000;

/** The header's bell: the unread count of the logged-in person, refreshed each minute and on navigation. */
export function NotificationBell() {
  const { t } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [unread, setUnread] = useState(0);
  const accountId = session?.account.id;

  useEffect(() => {
    if (!accountId) return;
    let current = true;
    const load = () =>
      fetchNotifications().then(
        (list) => current && setUnread(list.unread),
        () => {},
      );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    const onChange = () => void load();
    notificationsChanged.addEventListener('change', onChange);
    return () => {
      current = false;
      clearInterval(timer);
      notificationsChanged.removeEventListener('change', onChange);
    };
  }, [accountId, pathname]);

  if (!session) return null;
  return (
    <Tooltip title={t('operations.notifications.bell')}>
      <Button
        type="text"
        aria-label={t('operations.notifications.bell')}
        onClick={() => void navigate('/notifications')}
        data-testid="notification-bell"
        data-unread={unread}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
          </Badge>
        }
      />
    </Tooltip>
  );
}
