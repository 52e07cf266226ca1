import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';
import { StatusTag } from '../../shared/status-tag';

type Event = ApplicationView['events'][number];

/** Every status change, oldest first: when, from what to what, who (role and name), and why. */
export function EventHistory({ events }: { events: Event[] }) {
  const { t } = useTranslation();
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <Card size="small" title={t('history.title')} data-testid="event-history">
      <Timeline
        items={sorted.map((e) => ({
          key: e.seq,
          content: (
            <div data-testid="event-item" data-to-status={e.toStatus}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)} · {t(`actors.${e.actorRole}`)}
                {e.actorName && ` · ${e.actorName}`}
              </Typography.Text>
              <div style={{ marginTop: 4 }}>
                {e.fromStatus && (
                  <>
                    <StatusTag status={e.fromStatus} testId="event-from-status" /> →{' '}
                  </>
                )}
                <StatusTag status={e.toStatus} testId="event-to-status" />
              </div>
              {e.reason && (
                <Typography.Paragraph style={{ margin: '4px 0 0' }}>{e.reason}</Typography.Paragraph>
              )}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
