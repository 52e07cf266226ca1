import { Button, Card, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecurityOverview, TotpEnrolmentView } from '../../../../src/contracts/security.schema';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';

/** The authenticator app: set up with a QR code (or the key typed by hand), confirm with a code, turn off. */
export function TotpCard({
  overview,
  withStepUp,
  onChanged,
  onRecoveryCodes,
}: {
  overview: SecurityOverview;
  withStepUp: <T>(action: () => Promise<T>) => Promise<T>;
  onChanged: () => void;
  onRecoveryCodes: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<TotpEnrolmentView | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const start = () => run(async () => setEnrolment(await withStepUp(() => api.startTotpEnrolment())));
  const confirm = () =>
    run(async () => {
      const { recoveryCodes } = await api.confirmTotp(code);
      setEnrolment(null);
      setCode('');
      onRecoveryCodes(recoveryCodes);
      onChanged();
    });
  const disable = () =>
    run(async () => {
      await withStepUp(() => api.disableTotp());
      onChanged();
    });
  const regenerate = () =>
    run(async () => {
      onRecoveryCodes((await withStepUp(() => api.regenerateRecoveryCodes())).recoveryCodes);
      onChanged();
    });

  return (
    <Card
      title={t('security.totpTitle')}
      extra={
        <Tag color={overview.isTotpEnabled ? 'green' : 'default'} data-testid="totp-state">
          {t(overview.isTotpEnabled ? 'security.on' : 'security.off')}
        </Tag>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('security.totpHint')}</Typography.Text>
        {overview.isTotpEnabled ? (
          <Space wrap>
            <Typography.Text>
              {t('security.recoveryCodesLeft', { count: overview.recoveryCodesLeft })}
            </Typography.Text>
            <Button onClick={() => void regenerate()} loading={busy} data-testid="recovery-codes-regenerate">
              {t('security.regenerate')}
            </Button>
            <Popconfirm title={t('security.totpDisableConfirm')} onConfirm={() => void disable()}>
              <Button danger loading={busy} data-testid="totp-disable">
                {t('security.totpDisable')}
              </Button>
            </Popconfirm>
          </Space>
        ) : enrolment ? (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text>{t('security.totpScan')}</Typography.Text>
            <img
              src={enrolment.qrCodeDataUrl}
              alt={t('security.totpQrAlt')}
              width={200}
              height={200}
              style={{ alignSelf: 'center', background: '#fff' }}
              data-testid="totp-qr"
            />
            <Typography.Text type="secondary">{t('security.totpManual')}</Typography.Text>
            <Typography.Text
              code
              copyable={{ text: enrolment.secret }}
              data-testid="totp-secret"
              style={{ wordBreak: 'break-all' }}
            >
              {enrolment.secret.match(/.{1,4}/g)?.join(' ')}
            </Typography.Text>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void confirm();
              }}
            >
              <Space.Compact style={{ width: '100%' }}>
                <Input
                  size="large"
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  placeholder={t('security.totpCodePlaceholder')}
                  data-testid="totp-confirm-code"
                />
                <Button
                  size="large"
                  type="primary"
                  htmlType="submit"
                  loading={busy}
                  disabled={code.length !== 6}
                  data-testid="totp-confirm"
                >
                  {t('security.totpConfirm')}
                </Button>
              </Space.Compact>
            </form>
          </Space>
        ) : (
          <Button type="primary" onClick={() => void start()} loading={busy} data-testid="totp-start">
            {t('security.totpStart')}
          </Button>
        )}
        <SecurityErrorAlert error={error} />
      </Space>
    </Card>
  );
}
