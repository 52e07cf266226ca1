import { App, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationView } from '../../../../src/contracts/applications.schema';
import { ErrorAlert } from '../../shared/error-alert';
import { withdrawApplication } from './applications-api';

interface Props {
  application: ApplicationView;
  open: boolean;
  onClose: () => void;
  onWithdrawn: (application: ApplicationView) => void;
}

/** Confirms a withdrawal, which cannot be undone, and takes an optional reason. */
export function WithdrawDialog({ application, open, onClose, onWithdrawn }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // A variable, not an inline literal: TypeScript only accepts data-* keys inline in JSX attributes.
  const okButtonProps: ButtonProps & { 'data-testid': string } = {
    danger: true,
    loading: busy,
    'data-testid': 'withdraw-confirm',
  };

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const updated = await withdrawApplication(application.id, reason.trim() || undefined);
      void message.success(t('withdraw.done'));
      onWithdrawn(updated);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('withdraw.title')}
      okText={t('withdraw.confirm')}
      okButtonProps={okButtonProps}
      cancelText={t('common.cancel')}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('withdraw.warning', { reference: application.reference })}
      </Typography.Paragraph>
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('withdraw.reasonPlaceholder')}
        maxLength={500}
        showCount
        autoSize={{ minRows: 2, maxRows: 5 }}
        data-testid="withdraw-reason"
      />
      <div style={{ marginTop: 12 }}>
        <ErrorAlert error={error} />
      </div>
    </Modal>
  );
}
