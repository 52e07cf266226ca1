import { Button, Card, DatePicker, Flex, Form, InputNumber, Table, Tag, TimePicker, message } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useResource } from '../../api/use-resource';
import { ErrorAlert } from '../../shared/error-alert';
import { formatDateTime } from '../../shared/date-time';
import { PageTitle } from '../../shared/page-title';
import {
  fetchMySlots,
  fetchStaffInterviews,
  offerSlots,
  withdrawSlot,
  type InterviewView,
  type SlotView,
} from './interview-api';

interface OfferForm {
  date: Dayjs;
  time: Dayjs;
  durationMinutes: number;
  count: number;
}

/** For loan officers: offering slots, the interviews upcoming and in progress, QC reports waiting for sign-off. */
export function StaffInterviewsPage() {
  const { t } = useTranslation();
  const interviews = useResource(() => fetchStaffInterviews(), []);
  const slots = useResource(() => fetchMySlots(), []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<OfferForm>();

  const offer = async (v: OfferForm) => {
    setBusy(true);
    try {
      const start = v.date.hour(v.time.hour()).minute(v.time.minute()).second(0).millisecond(0);
      await offerSlots({ startsAt: start.toISOString(), durationMinutes: v.durationMinutes, count: v.count });
      void message.success(t('interview.offered'));
      slots.reload();
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const withdraw = async (id: string) => {
    try {
      await withdrawSlot(id);
      slots.reload();
    } catch (e) {
      setError(e);
    }
  };

  const items = interviews.data?.items ?? [];
  const upcoming = items.filter((i) => i.status === 'scheduled' || i.status === 'in_progress');
  const qc = items.filter((i) => i.qcStatus === 'waiting' || i.qcStatus === 'returned');
  const columns = [
    { title: t('interview.time'), dataIndex: 'startsAt', render: (v: string) => formatDateTime(v) },
    {
      title: t('interview.statusLabel'),
      render: (_: unknown, i: InterviewView) => (
        <Tag>
          {i.qcStatus === 'none' ? t(`interview.status.${i.status}`) : t(`interview.qcStatus.${i.qcStatus}`)}
        </Tag>
      ),
    },
    {
      title: t('interview.participants'),
      render: (_: unknown, i: InterviewView) => i.participants.map((p) => p.displayName).join('、'),
    },
    {
      title: '',
      render: (_: unknown, i: InterviewView) => (
        <Link to={`/staff/interviews/${i.id}`} data-testid="open-console" data-interview-id={i.id}>
          {t('interview.open')}
        </Link>
      ),
    },
  ];

  return (
    <div className="page-wide" data-testid="staff-interviews-page">
      <PageTitle title={t('interview.staffTitle')} />
      <ErrorAlert error={interviews.error ?? slots.error ?? error} />
      <Flex vertical gap={16}>
        <Card size="small" title={t('interview.offerSlots')}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ durationMinutes: 30, count: 4 }}
            onFinish={(v) => void offer(v)}
          >
            <Form.Item name="date" label={t('interview.date')} rules={[{ required: true }]}>
              <DatePicker data-testid="slot-date" />
            </Form.Item>
            <Form.Item name="time" label={t('interview.startTime')} rules={[{ required: true }]}>
              <TimePicker data-testid="slot-time" format="HH:mm" minuteStep={5} />
            </Form.Item>
            <Form.Item name="durationMinutes" label={t('interview.duration')} rules={[{ required: true }]}>
              <InputNumber data-testid="slot-duration" min={15} max={120} step={15} />
            </Form.Item>
            <Form.Item name="count" label={t('interview.count')} rules={[{ required: true }]}>
              <InputNumber data-testid="slot-count" min={1} max={24} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="offer-slots">
              {t('interview.offer')}
            </Button>
          </Form>
          <Table
            style={{ marginTop: 12 }}
            size="small"
            rowKey="id"
            data-testid="my-slots"
            dataSource={slots.data?.items ?? []}
            pagination={{ pageSize: 8 }}
            columns={[
              { title: t('interview.time'), dataIndex: 'startsAt', render: (v: string) => formatDateTime(v) },
              { title: t('interview.duration'), dataIndex: 'durationMinutes' },
              {
                title: t('interview.statusLabel'),
                dataIndex: 'status',
                render: (s: SlotView['status']) => <Tag>{t(`interview.slotStatus.${s}`)}</Tag>,
              },
              {
                title: '',
                render: (_: unknown, s: SlotView) =>
                  s.status === 'open' ? (
                    <Button size="small" data-testid="withdraw-slot" onClick={() => void withdraw(s.id)}>
                      {t('interview.withdraw')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('interview.upcoming')}>
          <Table
            size="small"
            rowKey="id"
            data-testid="upcoming-interviews"
            loading={interviews.loading}
            dataSource={upcoming}
            columns={columns}
          />
        </Card>
        <Card size="small" title={t('interview.qcWaiting')}>
          <Table
            size="small"
            rowKey="id"
            data-testid="qc-waiting"
            loading={interviews.loading}
            dataSource={qc}
            columns={columns}
          />
        </Card>
      </Flex>
    </div>
  );
}
