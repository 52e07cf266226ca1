import { Alert, Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentTextList, VerificationView } from '../../../../src/contracts/identity.schema';
import { currentLanguage } from '../../i18n';
import { ConsentText } from './consent-text';
import { giveConsent, startVerification } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';
import { previewIdNumber } from './id-number-preview';

interface Values {
  name: string;
  idNumber: string;
  agreed: boolean;
}

/** Step 1: name and ID number, under the personal-information consent shown above the button. */
export function IdDetailsStep({
  view,
  texts,
  onDone,
}: {
  view: VerificationView;
  texts: ConsentTextList['items'];
  onDone: (view: VerificationView) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const idNumber = Form.useWatch('idNumber', form) ?? '';
  const preview = previewIdNumber(idNumber);
  const text = texts.find((x) => x.kind === 'personal_information')!;
  const hasConsent = view.consents.some((c) => c.kind === 'personal_information' && c.withdrawnAt === null);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(null);
    try {
      if (!hasConsent)
        await giveConsent({
          kind: 'personal_information',
          textVersion: text.version,
          locale: currentLanguage(),
        });
      onDone(
        await startVerification({ name: values.name.trim(), idNumber: values.idNumber.trim().toUpperCase() }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
      {view.verification?.status === 'authority_failed' && (
        <Alert
          type="warning"
          showIcon
          title={t('identity.authorityFailed')}
          style={{ marginBottom: 16 }}
          data-testid="authority-failed"
        />
      )}
      <Form.Item
        name="name"
        label={t('identity.fields.name')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Input autoComplete="name" maxLength={30} data-testid="verify-name" />
      </Form.Item>
      <Form.Item
        name="idNumber"
        label={t('identity.fields.idNumber')}
        rules={[{ required: true, message: t('validation.required') }]}
        extra={
          preview
            ? t('identity.derived', { birthDate: preview.birthDate, sex: t(`identity.sex.${preview.sex}`) })
            : undefined
        }
      >
        <Input maxLength={18} autoComplete="off" inputMode="text" data-testid="verify-id-number" />
      </Form.Item>
      <ConsentText text={text} />
      <Form.Item
        name="agreed"
        valuePropName="checked"
        initialValue={hasConsent}
        rules={[
          {
            validator: (_, v) =>
              v ? Promise.resolve() : Promise.reject(new Error(t('validation.required'))),
          },
        ]}
      >
        <Checkbox data-testid="verify-agree">{t('identity.consentRead')}</Checkbox>
      </Form.Item>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <IdentityErrorAlert error={error} />
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="verify-submit-details">
          {t('identity.submitDetails')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {text.version}
        </Typography.Text>
      </Space>
    </Form>
  );
}
