import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Upload, type UploadProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../src/contracts/applications.schema';
import { useErrorText } from '../../shared/use-error-text';
import { uploadDocument, type DocumentKind } from './applications-api';

/** What the API accepts (it also checks the content matches the type). */
const allowedTypes: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const maxBytes = 10 * 1024 * 1024;

/** Some platforms hand over files without a type; fall back on the file name's extension. */
function typeOf(file: File): string | undefined {
  if (Object.values(allowedTypes).includes(file.type)) return file.type;
  return allowedTypes[file.name.split('.').pop()?.toLowerCase() ?? ''];
}

interface Props {
  applicationId: string;
  kind: DocumentKind;
  onUploaded: (document: DocumentView) => void;
  testId: string;
}

/** One upload button; the file goes as the raw request body, with the document kind in the query. */
export function DocumentUpload({ applicationId, kind, onUploaded, testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    if (!typeOf(file)) {
      void message.error(t('documents.wrongType'));
      return Upload.LIST_IGNORE;
    }
    if (file.size > maxBytes) {
      void message.error(t('documents.tooLarge'));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const original = file as File;
    const typed = new File([original], original.name, { type: typeOf(original) });
    setBusy(true);
    uploadDocument(applicationId, kind, typed)
      .then((document) => {
        onSuccess?.(document);
        void message.success(t('documents.uploaded', { filename: document.filename }));
        onUploaded(document);
      })
      .catch((e: unknown) => {
        onError?.(e instanceof Error ? e : new Error(String(e)));
        void message.error(errorText(e).title);
      })
      .finally(() => setBusy(false));
  };

  return (
    <span data-testid={testId}>
      <Upload
        accept=".pdf,.jpg,.jpeg,.png"
        showUploadList={false}
        beforeUpload={beforeUpload}
        customRequest={customRequest}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {t('documents.upload')}
        </Button>
      </Upload>
    </span>
  );
}
