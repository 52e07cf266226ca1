import { Button, Form, Input, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { RegisterBody } from '../../../../src/contracts/accounts.schema';
import { ErrorAlert } from '../../shared/error-alert';
import { useRules } from '../../shared/validation';
import { AuthCard } from './auth-card';
import { EnterpriseFields } from './enterprise-fields';
import { useSession } from './session-context';

type RegisterValues = RegisterBody & { passwordConfirm: string };

export function RegisterPage() {
  const { t } = useTranslation();
  const { register } = useSession();
  const r = useRules();
  const [form] = Form.useForm<RegisterValues>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function onFinish({ passwordConfirm: _, enterprise, ...values }: RegisterValues) {
    setBusy(true);
    setError(null);
    try {
      await register({
        ...values,
        mobile: values.mobile.trim(),
        displayName: values.displayName.trim(),
        ...(values.role === 'borrower_enterprise' && enterprise
          ? { enterprise: { ...enterprise, companyName: enterprise.companyName.trim() } }
          : {}),
      });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <AuthCard title={t('auth.registerTitle')}>
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={{ role: 'borrower_individual' }}
      >
        <Form.Item name="role" label={t('auth.accountType')}>
          <Radio.Group optionType="button" buttonStyle="solid" style={{ width: '100%', display: 'flex' }}>
            {/* The test ids sit on the visible labels: antd hides the radio inputs themselves. */}
            <Radio.Button value="borrower_individual" style={{ flex: 1, textAlign: 'center' }}>
              <span data-testid="register-role-individual">{t('roles.borrower_individual')}</span>
            </Radio.Button>
            <Radio.Button value="borrower_enterprise" style={{ flex: 1, textAlign: 'center' }}>
              <span data-testid="register-role-enterprise">{t('roles.borrower_enterprise')}</span>
            </Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="mobile" label={t('auth.mobile')} rules={[r.required(), r.mobile()]}>
          <Input data-testid="register-mobile" inputMode="tel" autoComplete="username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[r.required(), ...r.text(64)]}>
          <Input data-testid="register-display-name" autoComplete="name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          extra={t('auth.passwordHint')}
          rules={[{ required: true, message: t('validation.required') }, r.password()]}
        >
          <Input.Password data-testid="register-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="passwordConfirm"
          label={t('auth.passwordConfirm')}
          dependencies={['password']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('password')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('validation.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password data-testid="register-password-confirm" autoComplete="new-password" />
        </Form.Item>
        {role === 'borrower_enterprise' && <EnterpriseFields />}
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="register-submit">
            {t('auth.registerAction')}
          </Button>
          <Typography.Text>
            {t('auth.haveAccount')}{' '}
            <Link to="/login" data-testid="go-login">
              {t('auth.loginAction')}
            </Link>
          </Typography.Text>
        </Space>
      </Form>
    </AuthCard>
  );
}
