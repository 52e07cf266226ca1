import { Button, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationView } from '../../../../src/contracts/identity.schema';
import { sendPhoneCode, verifyPhoneCode } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';

/** Step 2: a one-time code by SMS to the borrower's mobile. */
export function PhoneStep({ onDone }: { onDone: (view: VerificationView) => void }) {
  const { t } = useTranslation();
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [resendAt, setResendAt] = useState(0);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const wait = Math.max(0, Math.ceil((resendAt - now) / 1000));

  async function send() {
    setError(null);
    setBusy(true);
    try {
      const sent = await sendPhoneCode(mobile.replace(/\s/g, ''));
      setSentTo(sent.mobileMasked);
      setResendAt(Date.parse(sent.resendAfter));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function verify() {
    setError(null);
    setBusy(true);
    try {
      onDone(await verifyPhoneCode(code.trim()));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form layout="vertical" onFinish={verify} requiredMark={false}>
      <Form.Item label={t('identity.fields.mobile')}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={mobile}
            onChange={(e) => setMobile(e.target.value)}
            inputMode="tel"
            autoComplete="tel"
            maxLength={14}
            data-testid="verify-mobile"
          />
          <Button
            onClick={send}
            disabled={wait > 0 || mobile.trim().length < 11}
            loading={busy && !sentTo}
            data-testid="verify-send-code"
          >
            {wait > 0 ? t('identity.resendIn', { seconds: wait }) : t('identity.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {sentTo && (
        <Typography.Paragraph type="secondary" data-testid="code-sent">
          {t('identity.codeSentTo', { mobile: sentTo })}
        </Typography.Paragraph>
      )}
      <Form.Item label={t('identity.fields.code')}>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          data-testid="verify-code"
        />
      </Form.Item>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <IdentityErrorAlert error={error} />
        <Button
          type="primary"
          htmlType="submit"
          block
          disabled={code.length !== 6}
          loading={busy && !!sentTo}
          data-testid="verify-code-submit"
        >
          {t('identity.verifyCode')}
        </Button>
      </Space>
    </Form>
  );
}
