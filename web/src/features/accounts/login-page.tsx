import { Alert, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import type { LoginBody, SessionView } from '../../../../src/contracts/accounts.schema';
import type { AccountClosedState } from '../security/close-account-card';
import { SecondFactorForm } from '../security/second-factor-form';
import { ErrorAlert } from '../../shared/error-alert';
import { useRules } from '../../shared/validation';
import { AuthCard } from './auth-card';
import { useSession } from './session-context';

export function LoginPage() {
  const { t } = useTranslation();
  const { login, adopt, logout } = useSession();
  /** The password was right and the account has a second factor: the login's second step. */
  const [pending, setPending] = useState<SessionView | null>(null);
  const r = useRules();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** Set by the security page when the account was just closed (注销). */
  const accountClosed = (useLocation().state as Partial<AccountClosedState> | null)?.accountClosed === true;

  // On success the session changes and PublicOnly sends the user to their start page.
  async function onFinish(values: LoginBody) {
    setBusy(true);
    setError(null);
    try {
      const next = await login({ mobile: values.mobile.trim(), password: values.password });
      if (next.secondFactorRequired) {
        setPending(next);
        setBusy(false);
      }
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  if (pending)
    return (
      <AuthCard title={t('security.secondStepTitle')}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Text>
            {t('security.secondStepHint', { name: pending.account.displayName })}
          </Typography.Text>
          <SecondFactorForm methods={pending.secondFactorMethods ?? ['totp']} onProved={adopt} />
          <Button
            type="link"
            block
            data-testid="second-factor-cancel"
            onClick={() => {
              setPending(null);
              void logout();
            }}
          >
            {t('security.backToLogin')}
          </Button>
        </Space>
      </AuthCard>
    );

  return (
    <AuthCard title={t('auth.loginTitle')}>
      {accountClosed && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('security.closeAccount.closedNotice')}
          data-testid="account-closed-notice"
        />
      )}
      <Form<LoginBody> layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item name="mobile" label={t('auth.mobile')} rules={[r.required(), r.mobile()]}>
          <Input data-testid="login-mobile" inputMode="tel" autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[r.required()]}>
          <Input.Password data-testid="login-password" autoComplete="current-password" />
        </Form.Item>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.loginAction')}
          </Button>
          <Typography.Text>
            {t('auth.noAccount')}{' '}
            <Link to="/register" data-testid="go-register">
              {t('auth.registerAction')}
            </Link>
          </Typography.Text>
        </Space>
      </Form>
    </AuthCard>
  );
}
