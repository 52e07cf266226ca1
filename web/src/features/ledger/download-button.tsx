import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../shared/use-error-text';
import { downloadFile } from './ledger-api';

interface Props {
  url: string;
  filename: string;
  children?: ReactNode;
  /** Shown as the tooltip, and as the accessible name when there is no text. */
  label: string;
  disabled?: boolean;
  /** Why the button is disabled. */
  disabledReason?: string;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  testId?: string;
  /** After the file is saved (e.g. to reload a list the download added to). */
  onDownloaded?: () => void;
}

/** Fetches a file with the session cookie and saves it; an error answer is shown, not saved. */
export function DownloadButton({
  url,
  filename,
  children,
  label,
  disabled,
  disabledReason,
  type = 'link',
  size,
  testId,
  onDownloaded,
}: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(url, filename);
      onDownloaded?.();
    } catch (e) {
      const { title, detail } = errorText(e);
      void message.error(t('ledger.downloadFailed', { reason: detail ? `${title} — ${detail}` : title }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={disabled ? disabledReason : children ? undefined : label}>
      <Button
        type={type}
        size={size}
        icon={<DownloadOutlined />}
        loading={busy}
        disabled={disabled}
        onClick={() => void download()}
        aria-label={label}
        data-testid={testId}
        data-filename={filename}
      >
        {children}
      </Button>
    </Tooltip>
  );
}
