import { Alert, Button, Flex, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FaceCheckResult,
  LivenessChallenge,
  VerificationView,
} from '../../../../src/contracts/identity.schema';
import zhCN from '../../i18n/zh-CN.json';
import { captureFrame, sleep } from './capture-frame';
import { chooseOfficerVideo, startFaceCheck, submitFaceFrames } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';
import { useCamera } from './use-camera';

type Phase = 'ready' | 'straight' | 'challenge' | 'uploading' | 'result';
type Failure = keyof typeof zhCN.identity.face.failures;
const isFailure = (f: string): f is Failure => Object.hasOwn(zhCN.identity.face.failures, f);

/**
 * Step 4: the live selfie. The server picks the head turn; the screen first asks the borrower to look
 * straight, then shows the turn, taking frames all along; the frames go up and the server judges.
 */
export function FaceStep({
  onDone,
  onOfficerVideo,
}: {
  onDone: () => void;
  onOfficerVideo: (v: VerificationView) => void;
}) {
  const { t } = useTranslation();
  const camera = useCamera();
  const [phase, setPhase] = useState<Phase>('ready');
  const [challenge, setChallenge] = useState<LivenessChallenge | null>(null);
  const [result, setResult] = useState<FaceCheckResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    setError(null);
    setResult(null);
    if (!camera.isOn && !(await camera.start())) return;
    try {
      const check = await startFaceCheck();
      setChallenge(check.challenge);
      const video = camera.videoRef.current!;
      const frames: string[] = [];
      setPhase('straight');
      await sleep(900);
      for (let i = 0; i < 3; i++) {
        frames.push(await captureFrame(video));
        await sleep(300);
      }
      setPhase('challenge');
      await sleep(400);
      for (let i = 0; i < 6; i++) {
        frames.push(await captureFrame(video));
        await sleep(450);
      }
      setPhase('uploading');
      const answer = await submitFaceFrames(check.id, frames.slice(0, check.maxFrames));
      setResult(answer);
      setPhase('result');
      if (answer.check.passed) {
        camera.stop();
        onDone();
      }
    } catch (e) {
      setError(e);
      setPhase('ready');
    }
  }

  const prompt =
    phase === 'straight'
      ? t('identity.face.lookStraight')
      : phase === 'challenge' && challenge
        ? t(`identity.face.challenge.${challenge}`)
        : phase === 'uploading'
          ? t('identity.face.uploading')
          : null;

  return (
    <Flex vertical gap={12} align="stretch">
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('identity.face.intro')}</Typography.Paragraph>
      <div
        style={{
          position: 'relative',
          background: '#000',
          borderRadius: 8,
          overflow: 'hidden',
          aspectRatio: '3 / 4',
          maxHeight: '60vh',
        }}
      >
        {/* Mirrored like a mirror for the person; frames are taken from the unmirrored stream. */}
        <video
          ref={camera.videoRef}
          playsInline
          muted
          style={{ width: '100%', height: '100%', objectFit: 'cover', transform: 'scaleX(-1)' }}
          data-testid="face-video"
        />
        {prompt && (
          <div
            style={{
              position: 'absolute',
              left: 0,
              right: 0,
              bottom: 16,
              textAlign: 'center',
              color: '#fff',
              fontSize: 22,
              fontWeight: 600,
              textShadow: '0 1px 4px #000',
            }}
            data-testid="face-prompt"
            aria-live="assertive"
          >
            {prompt}
          </div>
        )}
      </div>
      {camera.error !== null && (
        <Alert type="error" showIcon title={t('identity.face.cameraDenied')} data-testid="camera-denied" />
      )}
      {result && !result.check.passed && (
        <Result
          status="warning"
          title={t('identity.face.failed')}
          subTitle={(result.check.failures ?? [])
            .map((f) => (isFailure(f) ? t(`identity.face.failures.${f}`) : f))
            .join('；')}
          data-testid="face-failed"
        />
      )}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <IdentityErrorAlert error={error} />
        <Button
          type="primary"
          block
          disabled={phase !== 'ready' && phase !== 'result'}
          loading={phase === 'uploading'}
          onClick={run}
          data-testid="face-start"
        >
          {result ? t('identity.face.retry') : t('identity.face.start')}
        </Button>
        <Button
          block
          disabled={phase !== 'ready' && phase !== 'result'}
          onClick={async () => {
            try {
              camera.stop();
              onOfficerVideo(await chooseOfficerVideo());
            } catch (e) {
              setError(e);
            }
          }}
          data-testid="face-officer-video"
        >
          {t('identity.officerVideo')}
        </Button>
      </Space>
    </Flex>
  );
}
