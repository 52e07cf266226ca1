import { Alert, Button, Card, Checkbox, Flex, Result, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { JoinBody } from '../../../../src/contracts/interview.schema';
import { ApiError } from '../../api/client';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/date-time';
import { PageTitle } from '../../shared/page-title';
import { InterviewRoom } from './room/interview-room';
import { fetchAdmission, joinInterview } from './interview-api';

/** The device's position, if the participant agrees and the browser gives it within 10 s; otherwise none. */
function currentLocation(): Promise<JoinBody['location']> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(undefined);
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({
          latitude: p.coords.latitude,
          longitude: p.coords.longitude,
          accuracyMeters: Math.round(p.coords.accuracy),
        }),
      () => resolve(undefined),
      { timeout: 10_000, maximumAge: 60_000 },
    );
  });
}

/** A participant in the interview room (borrower or guarantor): the admission check, consent to location, the room. */
export function InterviewRoomPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const admission = useResource(() => fetchAdmission(id), [id]);
  const [shareLocation, setShareLocation] = useState(false);
  const [joined, setJoined] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [state, setState] = useState<'connecting' | 'connected' | 'reconnecting' | 'closed'>('connecting');

  const join = async () => {
    setBusy(true);
    try {
      const location = shareLocation ? await currentLocation() : undefined;
      const a = await joinInterview(id, location ? { location } : {});
      if (a.canJoin) setJoined(true);
      else admission.set(a);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // Someone not invited gets a 404 (the interview's existence is not revealed): show it as the refusal.
  const isNotInvited = admission.error instanceof ApiError && admission.error.code === 'INTERVIEW_NOT_FOUND';
  const a =
    admission.data ??
    (isNotInvited
      ? {
          interviewId: id,
          canJoin: false,
          reason: 'not_found' as const,
          role: null,
          opensAt: null,
          closesAt: null,
        }
      : undefined);
  return (
    <div className="page-wide" data-testid="interview-room-page">
      <PageTitle title={t('interview.title')} extra={<Link to="/interviews">{t('interview.back')}</Link>} />
      <ErrorAlert error={(isNotInvited ? null : admission.error) ?? error} />
      {admission.loading && !a && <Card loading />}
      {a && !a.canJoin && (
        <Result
          status="info"
          data-testid="admission-refused"
          data-reason={a.reason}
          title={t(`interview.refusal.${a.reason ?? 'not_open'}`)}
          subTitle={
            a.opensAt && a.closesAt
              ? t('interview.window', { from: formatDateTime(a.opensAt), to: formatDateTime(a.closesAt) })
              : undefined
          }
          extra={
            <Button data-testid="admission-retry" onClick={admission.reload}>
              {t('interview.checkAgain')}
            </Button>
          }
        />
      )}
      {a?.canJoin && !joined && (
        <Card data-testid="join-card">
          <Flex vertical gap={12}>
            <Typography.Paragraph>{t('interview.beforeJoin')}</Typography.Paragraph>
            <Checkbox
              data-testid="share-location"
              checked={shareLocation}
              onChange={(e) => setShareLocation(e.target.checked)}
            >
              {t('interview.shareLocation')}
            </Checkbox>
            <Button type="primary" data-testid="enter-room" loading={busy} onClick={() => void join()}>
              {t('interview.enterRoom')}
            </Button>
          </Flex>
        </Card>
      )}
      {a?.canJoin && joined && a.role && (
        <Flex vertical gap={8}>
          <Alert
            type={state === 'connected' ? 'success' : 'info'}
            data-testid="room-state"
            message={t(`interview.connection.${state}`)}
          />
          <InterviewRoom interviewId={id} role={a.role} onStateChange={setState} />
        </Flex>
      )}
    </div>
  );
}
