import { Grid, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus, ApplicationView } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';

/** The road an application normally travels; `screening` passes too fast to be a milestone of its own. */
const milestones: ApplicationStatus[] = [
  'draft',
  'submitted',
  'under_review',
  'identity_verified',
  'interview_scheduled',
  'interviewed',
  'risk_control',
  'approved',
  'contract_signed',
  'disbursed',
];
const endings: ApplicationStatus[] = ['rejected', 'withdrawn', 'expired'];

const milestoneOf = (status: ApplicationStatus | null | undefined): number =>
  status === 'screening' ? milestones.indexOf('submitted') : milestones.indexOf(status ?? 'draft');

/**
 * Where the application stands on that road. An application that ended early (rejected, withdrawn,
 * expired) shows the road up to where it left it, then the ending in red.
 */
export function StatusProgress({ application }: { application: Pick<ApplicationView, 'status' | 'events'> }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { status, events } = application;
  const reachedAt = (s: ApplicationStatus) => {
    const at = events.findLast((e) => milestoneOf(e.toStatus) === milestones.indexOf(s))?.at;
    return at ? formatDateTime(at) : undefined;
  };
  // Phones have room for the titles only; the history further down lists the times anyway.
  const item = (s: ApplicationStatus) => ({
    key: s,
    title: t(`statuses.${s}`),
    content: screens.md ? reachedAt(s) : undefined,
  });

  const ended = endings.includes(status);
  const stop = ended
    ? Math.max(0, milestoneOf(events.findLast((e) => e.toStatus === status)?.fromStatus))
    : milestoneOf(status);
  const items = ended
    ? [...milestones.slice(0, stop + 1).map(item), { ...item(status), status: 'error' as const }]
    : milestones.map(item);

  return (
    <Steps
      size="small"
      responsive={false}
      titlePlacement="vertical"
      current={ended ? stop + 1 : stop}
      status={ended ? 'error' : status === 'disbursed' ? 'finish' : 'process'}
      maxCount={screens.md ? 7 : 4}
      items={items}
      data-testid="status-progress"
    />
  );
}
