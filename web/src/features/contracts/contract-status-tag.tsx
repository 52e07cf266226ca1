import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractStatus } from '../../../../src/contracts/loan-contracts.schema';

const colours: Record<ContractStatus, string> = {
  signing: 'processing',
  awaiting_seal: 'gold',
  signed: 'success',
};

/** `data-status` carries the raw status so tests need not read translated text. */
export function ContractStatusTag({
  status,
  testId = 'contract-status',
}: {
  status: ContractStatus;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Tag color={colours[status]} data-testid={testId} data-status={status}>
      {t(`contracts.statuses.${status}`)}
    </Tag>
  );
}
