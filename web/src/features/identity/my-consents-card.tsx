import { Button, Card, List, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentView } from '../../../../src/contracts/identity.schema';
import { formatDateTime } from '../../shared/date-time';
import { withdrawConsent } from './identity-api';
import { IdentityErrorAlert } from './identity-error-alert';

/** The borrower's consents, each withdrawable (the withdrawal is recorded and anchored too). */
export function MyConsentsCard({ consents, onChange }: { consents: ConsentView[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  if (consents.length === 0) return null;

  async function withdraw(id: string) {
    setBusyId(id);
    setError(null);
    try {
      await withdrawConsent(id);
      onChange();
    } catch (e) {
      setError(e);
    } finally {
      setBusyId(null);
    }
  }

  return (
    <Card
      size="small"
      title={t('identity.consents.title')}
      style={{ marginTop: 16 }}
      data-testid="my-consents"
    >
      <IdentityErrorAlert error={error} />
      <List
        size="small"
        dataSource={[...consents].reverse()}
        renderItem={(c) => (
          <List.Item
            actions={
              c.withdrawnAt
                ? [<Tag key="w">{t('identity.consents.withdrawn')}</Tag>]
                : [
                    <Popconfirm
                      key="w"
                      title={t('identity.consents.withdraw')}
                      onConfirm={() => withdraw(c.id)}
                    >
                      <Button
                        size="small"
                        danger
                        loading={busyId === c.id}
                        data-testid={`withdraw-${c.kind}`}
                      >
                        {t('identity.consents.withdraw')}
                      </Button>
                    </Popconfirm>,
                  ]
            }
          >
            <List.Item.Meta
              title={t(`identity.consentKinds.${c.kind}`)}
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('identity.consents.version')} {c.textVersion} · {t('identity.consents.givenAt')}{' '}
                  {formatDateTime(c.givenAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
