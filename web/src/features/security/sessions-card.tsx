import { Button, Card, List, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSessionView } from '../../../../src/contracts/security.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';

/** A short description of a browser from its user agent ("Chrome · Android"). */
function describeDevice(ua: string | null, unknown: string): string {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /MicroMessenger/.test(ua)
      ? 'WeChat'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Firefox\//.test(ua)
          ? 'Firefox'
          : /Safari\//.test(ua)
            ? 'Safari'
            : ua.split(/[ /]/)[0]!;
  const os = /iPhone|iPad/.test(ua)
    ? 'iOS'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}

/** Sessions and devices: where I am logged in, and ending a session (or all the others). */
export function SessionsCard() {
  const { t } = useTranslation();
  const sessions = useResource(() => api.fetchSessions(), []);
  const [error, setError] = useState<unknown>(null);

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      sessions.reload();
    } catch (e) {
      setError(e);
    }
  }
  const items = sessions.data?.items ?? [];
  return (
    <Card
      title={t('security.sessionsTitle')}
      extra={
        items.length > 1 && (
          <Popconfirm
            title={t('security.revokeOthersConfirm')}
            onConfirm={() => void run(() => api.revokeOtherSessions())}
          >
            <Button danger data-testid="sessions-revoke-others">
              {t('security.revokeOthers')}
            </Button>
          </Popconfirm>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <List<DeviceSessionView>
          loading={sessions.loading}
          dataSource={items}
          data-testid="session-list"
          renderItem={(s) => (
            <List.Item
              data-testid="session-item"
              actions={
                s.isCurrent
                  ? []
                  : [
                      <Button
                        key="revoke"
                        type="link"
                        danger
                        onClick={() => void run(() => api.revokeSession(s.id))}
                        data-testid="session-revoke"
                      >
                        {t('security.revoke')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    {describeDevice(s.userAgent, t('security.unknownDevice'))}
                    {s.isCurrent && <Tag color="blue">{t('security.thisDevice')}</Tag>}
                    {s.isPendingSecondFactor && <Tag>{t('security.pendingLogin')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    {t('security.signedInAt', { at: formatDateTime(s.createdAt) })}
                    <br />
                    {t('security.lastSeenAt', { at: formatDateTime(s.lastSeenAt) })}
                  </>
                }
              />
            </List.Item>
          )}
        />
        <SecurityErrorAlert error={error ?? sessions.error} />
      </Space>
    </Card>
  );
}
