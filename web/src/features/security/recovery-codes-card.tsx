import { Alert, Button, Card, Space, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Recovery codes, shown once: a copy button, and a button to say they are saved (which hides them). */
export function RecoveryCodesCard({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(codes.join('\n'));
    setIsCopied(true);
  };
  return (
    <Card title={t('security.recoveryCodesTitle')} data-testid="recovery-codes">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('security.recoveryCodesOnce')} />
        {/* One code a line on a phone, two or more side by side where there is room; never broken inside. */}
        <div
          style={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(12em, 1fr))',
            gap: '6px 24px',
            fontFamily: 'monospace',
            fontSize: 15,
            whiteSpace: 'nowrap',
          }}
        >
          {codes.map((c) => (
            <span key={c} data-testid="recovery-code">
              {c}
            </span>
          ))}
        </div>
        <Space wrap>
          <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="recovery-codes-copy">
            {isCopied ? t('security.copied') : t('security.copy')}
          </Button>
          <Button type="primary" onClick={onDone} data-testid="recovery-codes-done">
            {t('security.recoveryCodesSaved')}
          </Button>
        </Space>
        <Typography.Text type="secondary">{t('security.recoveryCodesHint')}</Typography.Text>
      </Space>
    </Card>
  );
}
