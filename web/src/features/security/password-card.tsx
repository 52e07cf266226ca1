import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../accounts/session-context';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * Changing the password: the current one re-authenticates; afterwards every session ends (this one
 * too) and the user logs in again with the new password.
 */
export function PasswordCard() {
  const { t } = useTranslation();
  const { logout } = useSession();
  const [form] = Form.useForm<PasswordForm>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: PasswordForm) {
    setError(null);
    setBusy(true);
    try {
      await api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      // The server ended every session; here it ends too, and the login page asks for the new password.
      await logout();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('security.password.title')} data-testid="password-card">
      <Typography.Paragraph type="secondary">{t('security.password.hint')}</Typography.Paragraph>
      <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item
          name="currentPassword"
          label={t('security.password.current')}
          rules={[{ required: true, message: t('security.password.required') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('security.password.new')}
          rules={[
            { required: true, message: t('security.password.required') },
            { min: 10, message: t('security.password.tooShort') },
            { max: 128, message: t('security.password.tooLong') },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('security.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('security.password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('security.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <SecurityErrorAlert error={error} />
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('security.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
