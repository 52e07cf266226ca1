import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../src/contracts/applications.schema';

const colours: Record<ApplicationStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  screening: 'processing',
  rejected: 'error',
  under_review: 'processing',
  identity_verified: 'cyan',
  interview_scheduled: 'cyan',
  interviewed: 'cyan',
  risk_control: 'purple',
  approved: 'success',
  contract_signed: 'success',
  disbursed: 'green',
  withdrawn: 'default',
  expired: 'warning',
};

/** `data-status` carries the raw status so tests need not read translated text. */
export function StatusTag({ status, testId = 'status-tag' }: { status: ApplicationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={colours[status]} data-testid={testId} data-status={status}>
      {t(`statuses.${status}`)}
    </Tag>
  );
}
