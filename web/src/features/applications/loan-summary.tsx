import { Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';
import { formatYuan } from '../../shared/money';

/** The few facts a borrower checks first: what, how much, how long, since when. */
export function LoanSummary({
  application,
  productName,
}: {
  application: ApplicationView;
  productName: string;
}) {
  const { t } = useTranslation();
  const { loan } = application.details;
  const dash = '—';
  return (
    <Card size="small" title={t('detail.summary')}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'product', label: t('common.product'), children: productName },
          {
            key: 'amount',
            label: t('fields.loan.amount'),
            children: application.amount ? formatYuan(application.amount) : dash,
          },
          {
            key: 'term',
            label: t('fields.loan.termMonths'),
            children: application.termMonths ? t('detail.months', { count: application.termMonths }) : dash,
          },
          {
            key: 'repayment',
            label: t('fields.loan.repaymentMethod'),
            children: loan.repaymentMethod ? t(`repaymentMethods.${loan.repaymentMethod}`) : dash,
          },
          {
            key: 'purpose',
            label: t('fields.loan.purpose'),
            children: loan.purpose ? t(`loanPurposes.${loan.purpose}`) : dash,
          },
          { key: 'created', label: t('detail.createdAt'), children: formatDateTime(application.createdAt) },
          {
            key: 'submitted',
            label: t('detail.submittedAt'),
            children: application.submittedAt ? formatDateTime(application.submittedAt) : dash,
          },
        ]}
      />
    </Card>
  );
}
