import { DownloadOutlined } from '@ant-design/icons';
import { Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { verifierKeyUrl } from './ledger-api';
import { MonospaceBlock } from './monospace-block';

/** The log's public key in the C2SP vkey format, to copy or download. */
export function VerifierKeyCard({ vkey }: { vkey: string }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={t('ledger.vkey.title')}
      extra={
        // Public and served outside /api: a plain link does.
        <Typography.Link href={verifierKeyUrl} download data-testid="ledger-vkey-download">
          <DownloadOutlined /> {t('ledger.vkey.download')}
        </Typography.Link>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">{t('ledger.vkey.hint')}</Typography.Text>
        <MonospaceBlock text={vkey} testId="ledger-vkey" />
      </Flex>
    </Card>
  );
}
