import { VideoCameraOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, List, Select, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/date-time';
import { PageTitle } from '../../shared/page-title';
import {
  bookInterview,
  cancelMyInterview,
  fetchMyInterviews,
  fetchOpenSlots,
  type InterviewView,
} from './interview-api';

/** For borrowers and guarantors: offered slots to pick, their interviews, and the join button near the time. */
export function MyInterviewsPage() {
  const { t } = useTranslation();
  const mine = useResource(() => fetchMyInterviews(), []);
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="page-narrow" data-testid="my-interviews-page">
      <PageTitle title={t('interview.title')} />
      <ErrorAlert error={mine.error ?? error} />
      {mine.loading && !mine.data && <Card loading />}
      <Flex vertical gap={16}>
        {mine.data?.schedulable.map((a) => (
          <PickSlot
            key={a.id}
            applicationId={a.id}
            reference={a.reference}
            onBooked={mine.reload}
            onError={setError}
          />
        ))}
        {mine.data && mine.data.interviews.length === 0 && mine.data.schedulable.length === 0 && (
          <Empty description={t('interview.none')} />
        )}
        {mine.data && mine.data.interviews.length > 0 && (
          <List
            data-testid="my-interviews"
            dataSource={mine.data.interviews}
            renderItem={(i) => <InterviewItem interview={i} onChanged={mine.reload} onError={setError} />}
          />
        )}
      </Flex>
    </div>
  );
}

function PickSlot({
  applicationId,
  reference,
  onBooked,
  onError,
}: {
  applicationId: string;
  reference: string;
  onBooked: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const slots = useResource(() => fetchOpenSlots(applicationId), [applicationId]);
  const [slotId, setSlotId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const book = async () => {
    if (!slotId) return;
    setBusy(true);
    try {
      await bookInterview(applicationId, slotId);
      void message.success(t('interview.booked'));
      onBooked();
    } catch (e) {
      onError(e);
      slots.reload();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('interview.pickFor', { reference })}
      data-testid="pick-slot"
      data-application-id={applicationId}
    >
      {slots.data && slots.data.items.length === 0 ? (
        <Typography.Text type="secondary">{t('interview.noSlots')}</Typography.Text>
      ) : (
        <Flex gap={8} wrap>
          <Select
            data-testid="slot-select"
            style={{ minWidth: 260 }}
            loading={slots.loading}
            placeholder={t('interview.chooseSlot')}
            value={slotId}
            onChange={setSlotId}
            options={(slots.data?.items ?? []).map((s) => ({
              value: s.id,
              'data-testid': `slot-select-${s.id}`,
              label: `${formatDateTime(s.startsAt)} · ${t('interview.minutes', { count: s.durationMinutes })}`,
            }))}
          />
          <Button
            type="primary"
            data-testid="book-interview"
            disabled={!slotId}
            loading={busy}
            onClick={() => void book()}
          >
            {t('interview.book')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

function InterviewItem({
  interview: i,
  onChanged,
  onError,
}: {
  interview: InterviewView;
  onChanged: () => void;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const reschedule = async () => {
    try {
      await cancelMyInterview(i.applicationId);
      onChanged();
    } catch (e) {
      onError(e);
    }
  };
  return (
    <List.Item
      data-testid="interview-item"
      data-interview-id={i.id}
      actions={[
        <Button
          key="join"
          type="primary"
          icon={<VideoCameraOutlined />}
          data-testid="join-interview"
          disabled={!i.canJoinNow}
          onClick={() => void navigate(`/interviews/${i.id}`)}
        >
          {t('interview.join')}
        </Button>,
        ...(i.status === 'scheduled' && i.myRole === 'borrower'
          ? [
              <Button key="reschedule" data-testid="reschedule-interview" onClick={() => void reschedule()}>
                {t('interview.reschedule')}
              </Button>,
            ]
          : []),
      ]}
    >
      <List.Item.Meta
        title={
          <Flex gap={8} align="center" wrap>
            {formatDateTime(i.startsAt)}
            <Tag data-testid="interview-status">{t(`interview.status.${i.status}`)}</Tag>
          </Flex>
        }
        description={
          <Flex vertical gap={2}>
            <span>
              {t('interview.participants')}:{' '}
              {i.participants.map((p) => `${p.displayName}（${t(`interview.roles.${p.role}`)}）`).join('、')}
            </span>
            {!i.canJoinNow && i.status === 'scheduled' && (
              <Typography.Text type="secondary">
                {t('interview.opensAt', { time: formatDateTime(i.opensAt) })}
              </Typography.Text>
            )}
          </Flex>
        }
      />
    </List.Item>
  );
}
