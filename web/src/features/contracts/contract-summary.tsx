import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ContractView } from '../../../../src/contracts/loan-contracts.schema';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';
import { formatRatePercent } from './contract-format';
import { ContractStatusTag } from './contract-status-tag';

/** The contract's key terms: number, amount, term, nominal rate and 年化利率, status, order of signing. */
export function ContractSummary({ contract: c }: { contract: ContractView }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      // Two terms a row at most: it sits in a side column on the staff and the contract pages.
      column={{ xs: 1, sm: 2 }}
      data-testid="contract-summary"
      items={[
        {
          key: 'number',
          label: t('contracts.number'),
          children: <span data-testid="contract-number">{c.contractNumber}</span>,
        },
        {
          key: 'status',
          label: t('contracts.status'),
          children: <ContractStatusTag status={c.status} />,
        },
        {
          key: 'amount',
          label: t('contracts.amount'),
          children: <span data-testid="contract-amount">{formatYuan(c.amount)}</span>,
        },
        {
          key: 'term',
          label: t('contracts.term'),
          children: <span data-testid="contract-term">{t('contracts.months', { count: c.termMonths })}</span>,
        },
        {
          key: 'nominal',
          label: t('contracts.nominalRate'),
          children: <span data-testid="contract-nominal-rate">{formatRatePercent(c.nominalAnnualRate)}</span>,
        },
        {
          key: 'annualised',
          label: t('contracts.annualisedRate'),
          children: <span data-testid="contract-annualised-rate">{formatRatePercent(c.annualisedRate)}</span>,
        },
        {
          key: 'order',
          label: t('contracts.signingOrder'),
          children: t(`contracts.signingOrders.${c.signingOrder}`),
        },
        {
          key: 'created',
          label: t('contracts.createdAt'),
          children: formatDateTime(c.createdAt),
        },
        {
          key: 'completed',
          label: t('contracts.completedAt'),
          children: c.completedAt ? formatDateTime(c.completedAt) : '—',
        },
      ]}
    />
  );
}
