import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { verifierKeyUrl } from './ledger-api';

/** What a receipt is and how anyone can check it, for borrowers. */
export function ReceiptExplainer() {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={
        <>
          <SafetyCertificateOutlined /> {t('ledger.receipts.whatTitle')}
        </>
      }
      data-testid="receipts-explainer"
    >
      <Typography.Paragraph>{t('ledger.receipts.what')}</Typography.Paragraph>
      <Typography.Paragraph>
        {t('ledger.receipts.verify')}{' '}
        <Typography.Link href={verifierKeyUrl} download data-testid="receipts-vkey">
          {t('ledger.receipts.vkeyLink')}
        </Typography.Link>
      </Typography.Paragraph>
      <Typography.Paragraph>{t('ledger.receipts.privacy')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('ledger.receipts.pending')}
      </Typography.Paragraph>
    </Card>
  );
}
