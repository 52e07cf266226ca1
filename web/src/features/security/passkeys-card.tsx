import { startRegistration } from '@simplewebauthn/browser';
import { Button, Card, Input, List, Modal, Popconfirm, Space, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined, KeyOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PasskeyView, SecurityOverview } from '../../../../src/contracts/security.schema';
import { formatDateTime } from '../../shared/date-time';
import * as api from './security-api';
import { SecurityErrorAlert } from './security-error-alert';

/** Passkeys: add one (the phone's fingerprint or face unlock), rename, delete. */
export function PasskeysCard({
  overview,
  withStepUp,
  onChanged,
  onRecoveryCodes,
}: {
  overview: SecurityOverview;
  withStepUp: <T>(action: () => Promise<T>) => Promise<T>;
  onChanged: () => void;
  onRecoveryCodes: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [renaming, setRenaming] = useState<{ passkey: PasskeyView; name: string } | null>(null);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const add = () =>
    run(async () => {
      const optionsJSON = await withStepUp(() => api.passkeyCreationOptions());
      const credential = await startRegistration({ optionsJSON });
      const { recoveryCodes } = await api.registerPasskey(credential, defaultPasskeyName());
      if (recoveryCodes) onRecoveryCodes(recoveryCodes);
      onChanged();
    });
  const remove = (id: string) =>
    run(async () => {
      await withStepUp(() => api.deletePasskey(id));
      onChanged();
    });
  const rename = () =>
    run(async () => {
      if (!renaming) return;
      await api.renamePasskey(renaming.passkey.id, renaming.name.trim());
      setRenaming(null);
      onChanged();
    });

  return (
    <Card
      title={t('security.passkeysTitle')}
      extra={
        <Button
          type="primary"
          icon={<KeyOutlined />}
          onClick={() => void add()}
          loading={busy}
          data-testid="passkey-add"
        >
          {t('security.passkeyAdd')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('security.passkeysHint')}</Typography.Text>
        <List<PasskeyView>
          dataSource={overview.passkeys}
          locale={{ emptyText: t('security.passkeysNone') }}
          data-testid="passkey-list"
          renderItem={(p) => (
            <List.Item
              data-testid="passkey-item"
              actions={[
                <Button
                  key="rename"
                  type="text"
                  icon={<EditOutlined />}
                  aria-label={t('security.rename')}
                  onClick={() => setRenaming({ passkey: p, name: p.name })}
                  data-testid="passkey-rename"
                />,
                <Popconfirm
                  key="delete"
                  title={t('security.passkeyDeleteConfirm')}
                  onConfirm={() => void remove(p.id)}
                >
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('security.delete')}
                    data-testid="passkey-delete"
                  />
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={<span data-testid="passkey-name">{p.name}</span>}
                description={
                  <>
                    {t('security.createdAt', { at: formatDateTime(p.createdAt) })}
                    <br />
                    {p.lastUsedAt
                      ? t('security.lastUsedAt', { at: formatDateTime(p.lastUsedAt) })
                      : t('security.neverUsed')}
                  </>
                }
              />
            </List.Item>
          )}
        />
        <SecurityErrorAlert error={error} />
      </Space>
      <Modal
        open={renaming !== null}
        title={t('security.rename')}
        onCancel={() => setRenaming(null)}
        onOk={() => void rename()}
        okButtonProps={
          {
            disabled: !renaming?.name.trim(),
            loading: busy,
            'data-testid': 'passkey-rename-save',
          } as ButtonProps
        }
      >
        <Input
          value={renaming?.name ?? ''}
          maxLength={64}
          onChange={(e) => renaming && setRenaming({ ...renaming, name: e.target.value })}
          data-testid="passkey-rename-input"
        />
      </Modal>
    </Card>
  );
}

/** A name the person recognises later: the kind of device it was added on. */
function defaultPasskeyName(): string {
  const ua = navigator.userAgent;
  const device = /iPhone|iPad/.test(ua)
    ? 'iPhone'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X/.test(ua)
        ? 'Mac'
        : /Windows/.test(ua)
          ? 'Windows'
          : 'Passkey';
  return `${device} ${new Date().toISOString().slice(0, 10)}`;
}
