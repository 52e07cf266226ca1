import { Button, Card, Empty, Flex, Form, Input, List, Select, Space, Tag, Typography, message } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { NotificationView } from '../../../../src/contracts/notifications.schema';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../shared/date-time';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { useLocalised } from '../../shared/use-localised';
import { useSession } from '../accounts/session-context';
import {
  fetchNotificationPreferences,
  fetchNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationsChanged,
  saveNotificationPreferences,
} from './notifications-api';

const emailPattern = /^[^\s@<>()",;:\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** In-app notifications of the logged-in person: the list, mark read, and the e-mail preference. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const localised = useLocalised();
  const { session } = useSession();
  const list = useResource(() => fetchNotifications(), []);
  const [error, setError] = useState<unknown>(null);
  const isStaff = session ? !session.account.role.startsWith('borrower') : false;

  const act = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      list.reload();
      notificationsChanged.dispatchEvent(new Event('change'));
    } catch (e) {
      setError(e);
    }
  };

  const applicationLink = (n: NotificationView) =>
    n.applicationId
      ? isStaff
        ? `/staff/applications/${n.applicationId}`
        : `/applications/${n.applicationId}`
      : null;

  return (
    <div className="page-wide">
      <PageTitle
        title={t('operations.notifications.title')}
        extra={
          <Space>
            {list.data && list.data.unread > 0 && (
              <Tag color="blue" data-testid="unread-count">
                {t('operations.notifications.unread', { count: list.data.unread })}
              </Tag>
            )}
            <Button
              onClick={() => void act(markAllNotificationsRead)}
              disabled={!list.data?.unread}
              data-testid="mark-all-read"
            >
              {t('operations.notifications.markAllRead')}
            </Button>
          </Space>
        }
      />
      <ErrorAlert error={error ?? list.error} />
      <List<NotificationView>
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('operations.notifications.empty')} /> }}
        data-testid="notification-list"
        renderItem={(n) => {
          const link = applicationLink(n);
          return (
            <List.Item
              data-testid="notification-item"
              data-kind={n.kind}
              data-read={n.readAt ? 'true' : 'false'}
              actions={[
                ...(link
                  ? [
                      <Link key="open" to={link}>
                        {t('operations.notifications.openApplication')}
                      </Link>,
                    ]
                  : []),
                n.readAt ? (
                  <Typography.Text key="read" type="secondary">
                    {t('operations.notifications.read')}
                  </Typography.Text>
                ) : (
                  <Button key="mark" size="small" onClick={() => void act(() => markNotificationRead(n.id))}>
                    {t('operations.notifications.markRead')}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Typography.Text strong={!n.readAt}>
                    {localised(n.title)}{' '}
                    <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
                      {formatDateTime(n.createdAt)}
                    </Typography.Text>
                  </Typography.Text>
                }
                description={<span style={{ whiteSpace: 'pre-line' }}>{localised(n.body)}</span>}
              />
            </List.Item>
          );
        }}
      />
      <PreferencesCard />
    </div>
  );
}

function PreferencesCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string; locale: 'zh-CN' | 'en' }>();
  const preferences = useResource(() => fetchNotificationPreferences(), []);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (preferences.data)
      form.setFieldsValue({ email: preferences.data.email ?? '', locale: preferences.data.locale });
  }, [preferences.data, form]);

  const save = async (values: { email: string; locale: 'zh-CN' | 'en' }) => {
    setSaving(true);
    setError(null);
    try {
      const email = values.email.trim();
      preferences.set(
        await saveNotificationPreferences({ email: email === '' ? null : email, locale: values.locale }),
      );
      void message.success(t('operations.notifications.preferences.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={t('operations.notifications.preferences.title')} style={{ marginTop: 24, maxWidth: 560 }}>
      <Typography.Paragraph type="secondary">
        {t('operations.notifications.preferences.help')}
      </Typography.Paragraph>
      <ErrorAlert error={error ?? preferences.error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ email: '', locale: 'zh-CN' }}
      >
        <Form.Item
          name="email"
          label={t('operations.notifications.preferences.email')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value || value.trim() === '' || emailPattern.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('operations.notifications.preferences.invalidEmail'))),
            },
          ]}
        >
          <Input type="email" autoComplete="email" maxLength={254} data-testid="notification-email" />
        </Form.Item>
        <Form.Item name="locale" label={t('operations.notifications.preferences.locale')}>
          <Select
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
            data-testid="notification-locale"
          />
        </Form.Item>
        <Flex justify="end">
          <Button
            type="primary"
            htmlType="submit"
            loading={saving}
            data-testid="save-notification-preferences"
          >
            {t('operations.notifications.preferences.save')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
