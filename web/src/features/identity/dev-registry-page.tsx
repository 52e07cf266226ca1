import { Alert, Button, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../../shared/page-title';
import { captureFrame } from './capture-frame';
import { registerInDevRegistry } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';
import { useCamera } from './use-camera';

interface Values {
  name: string;
  idNumber: string;
}

/** Development mode: a tester puts themselves into the local identity registry with a webcam photo. */
export function DevRegistryPage() {
  const { t } = useTranslation();
  const camera = useCamera();
  const [photo, setPhoto] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [isDone, setIsDone] = useState(false);

  async function onFinish(values: Values) {
    setBusy(true);
    setError(null);
    try {
      await registerInDevRegistry({
        name: values.name.trim(),
        idNumber: values.idNumber.trim().toUpperCase(),
        ...(photo ? { photo } : {}),
      });
      camera.stop();
      setIsDone(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page-narrow">
      <PageTitle title={t('identity.registry.title')} />
      <Typography.Paragraph type="secondary">{t('identity.registry.intro')}</Typography.Paragraph>
      {isDone ? (
        <Alert
          type="success"
          showIcon
          title={<Link to="/verify">{t('identity.registry.done')}</Link>}
          data-testid="registry-done"
        />
      ) : (
        <Form<Values> layout="vertical" onFinish={onFinish} requiredMark={false}>
          <Form.Item
            name="name"
            label={t('identity.fields.name')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input maxLength={30} data-testid="registry-name" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('identity.fields.idNumber')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input maxLength={18} data-testid="registry-id-number" />
          </Form.Item>
          <Flex vertical gap={8} style={{ marginBottom: 16 }}>
            <div
              data-testid="registry-camera"
              style={{
                background: '#000',
                borderRadius: 8,
                overflow: 'hidden',
                aspectRatio: '4 / 3',
                display: camera.isOn && !photo ? 'block' : 'none',
              }}
            >
              <video
                ref={camera.videoRef}
                playsInline
                muted
                style={{ width: '100%', height: '100%', objectFit: 'cover', transform: 'scaleX(-1)' }}
              />
            </div>
            {photo && (
              <img
                src={`data:image/jpeg;base64,${photo}`}
                alt=""
                style={{ width: '100%', borderRadius: 8 }}
                data-testid="registry-photo"
              />
            )}
            <Button
              onClick={async () => {
                if (photo) {
                  setPhoto(null);
                  return;
                }
                if (!camera.isOn) {
                  await camera.start();
                  return;
                }
                setPhoto(await captureFrame(camera.videoRef.current!));
              }}
              data-testid="registry-take-photo"
            >
              {photo ? t('identity.registry.retake') : t('identity.registry.takePhoto')}
            </Button>
          </Flex>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {camera.error !== null && <Alert type="error" showIcon title={t('identity.face.cameraDenied')} />}
            <IdentityErrorAlert error={error} />
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="registry-submit">
              {t('identity.registry.submit')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
