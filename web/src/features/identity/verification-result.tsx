import { CheckCircleFilled, VideoCameraOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { VerificationView } from '../../../../src/contracts/identity.schema';

/** The end of the flow: verified by face, or waiting for the officer's video check. */
export function VerificationResult({ view }: { view: VerificationView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isVideo = view.nextStep === 'officer_video';
  return (
    <Result
      status={isVideo ? 'info' : 'success'}
      icon={isVideo ? <VideoCameraOutlined /> : <CheckCircleFilled />}
      title={t(isVideo ? 'identity.officerPending' : 'identity.verified')}
      subTitle={t(isVideo ? 'identity.officerPendingHint' : 'identity.verifiedHint')}
      extra={
        <Button type="primary" onClick={() => navigate('/applications')} data-testid="verify-back">
          {t('identity.backToApplications')}
        </Button>
      }
      data-testid={isVideo ? 'verify-officer-video' : 'verify-done'}
    />
  );
}
