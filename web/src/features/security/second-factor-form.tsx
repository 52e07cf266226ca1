import { startAuthentication } from '@simplewebauthn/browser';
import { Button, Input, Segmented, Space, Typography } from 'antd';
import { KeyOutlined, MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../../src/contracts/accounts.schema';
import type { SecondFactorMethod } from '../../../../src/contracts/security.schema';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';

/**
 * Proving the second factor: a code from the authenticator app, a recovery code, or a passkey (the
 * phone's fingerprint or face unlock). Used for the login's second step and for step-up.
 */
export function SecondFactorForm({
  methods,
  onProved,
}: {
  methods: readonly SecondFactorMethod[];
  onProved: (session: SessionView) => void;
}) {
  const { t } = useTranslation();
  const preferred: SecondFactorMethod = methods.includes('passkey')
    ? 'passkey'
    : methods.includes('totp')
      ? 'totp'
      : 'recovery_code';
  const [method, setMethod] = useState<SecondFactorMethod>(preferred);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(prove: () => Promise<SessionView>) {
    setBusy(true);
    setError(null);
    try {
      onProved(await prove());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const usePasskey = () =>
    run(async () => {
      const optionsJSON = await api.passkeyRequestOptions();
      return api.provePasskey(await startAuthentication({ optionsJSON }));
    });

  const icons = { passkey: <KeyOutlined />, totp: <MobileOutlined />, recovery_code: <SafetyOutlined /> };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="second-factor">
      {methods.length > 1 && (
        <Segmented<SecondFactorMethod>
          block
          value={method}
          onChange={(m) => {
            setMethod(m);
            setCode('');
            setError(null);
          }}
          options={methods.map((m) => ({
            value: m,
            icon: icons[m],
            label: <span data-testid={`second-factor-method-${m}`}>{t(`security.methods.${m}`)}</span>,
          }))}
        />
      )}
      {method === 'passkey' && (
        <>
          <Typography.Text type="secondary">{t('security.passkeyPrompt')}</Typography.Text>
          <Button
            type="primary"
            block
            size="large"
            icon={<KeyOutlined />}
            loading={busy}
            onClick={() => void usePasskey()}
            data-testid="second-factor-passkey"
          >
            {t('security.usePasskey')}
          </Button>
        </>
      )}
      {method === 'totp' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.proveTotp(code));
          }}
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('security.totpPrompt')}</Typography.Text>
            <Input
              size="large"
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder="123456"
              autoFocus
              data-testid="second-factor-totp"
            />
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              disabled={code.length !== 6}
              data-testid="second-factor-totp-submit"
            >
              {t('security.verify')}
            </Button>
          </Space>
        </form>
      )}
      {method === 'recovery_code' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.proveRecoveryCode(code.trim()));
          }}
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">{t('security.recoveryPrompt')}</Typography.Text>
            <Input
              size="large"
              value={code}
              onChange={(e) => setCode(e.target.value.slice(0, 40))}
              autoComplete="off"
              placeholder="ABCD-EFGH-JKLM-NPQR"
              data-testid="second-factor-recovery"
            />
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={busy}
              disabled={code.trim().length < 16}
              data-testid="second-factor-recovery-submit"
            >
              {t('security.verify')}
            </Button>
          </Space>
        </form>
      )}
      <SecurityErrorAlert error={error} />
    </Space>
  );
}
