import { Button, Card, Descriptions, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../shared/money';
import { useLocalised } from '../../shared/use-localised';
import type { Product } from './applications-api';

export function ProductCard({ product, onChoose }: { product: Product; onChoose: () => void }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  return (
    <Card
      title={localised(product.name)}
      size="small"
      data-testid={`product-${product.code}`}
      extra={
        <Button type="primary" onClick={onChoose} data-testid={`choose-product-${product.code}`}>
          {t('newApplication.choose')}
        </Button>
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          {
            key: 'amount',
            label: t('newApplication.amountRange'),
            children: `${formatYuan(product.minAmount)} – ${formatYuan(product.maxAmount)}`,
          },
          {
            key: 'term',
            label: t('newApplication.termRange'),
            children: t('newApplication.months', { min: product.minTermMonths, max: product.maxTermMonths }),
          },
          {
            key: 'repayment',
            label: t('fields.loan.repaymentMethod'),
            children: product.repaymentMethods
              .map((m) => t(`repaymentMethods.${m}`))
              .join(t('common.listSeparator')),
          },
          {
            key: 'documents',
            label: t('newApplication.requiredDocuments'),
            children: product.requiredDocuments.map((d) => <Tag key={d}>{t(`documentKinds.${d}`)}</Tag>),
          },
        ]}
      />
    </Card>
  );
}
