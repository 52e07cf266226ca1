import { FileOutlined } from '@ant-design/icons';
import { Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../src/contracts/applications.schema';
import { formatDateTime } from '../../shared/date-time';
import { documentUrl } from './applications-api';

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Uploaded documents with download links (a plain GET, so the session cookie authorises it). */
export function DocumentList({
  applicationId,
  documents,
}: {
  applicationId: string;
  documents: DocumentView[];
}) {
  const { t } = useTranslation();
  if (!documents.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.none')} />;
  return (
    <Flex vertical gap={8} data-testid="document-list">
      {documents.map((d) => (
        <Flex key={d.id} gap={8} align="start" data-testid="document-item" data-kind={d.kind}>
          <FileOutlined style={{ marginTop: 4 }} />
          <div style={{ minWidth: 0 }}>
            <Typography.Link
              href={documentUrl(applicationId, d.id)}
              download={d.filename}
              style={{ wordBreak: 'break-all' }}
            >
              {d.filename}
            </Typography.Link>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`documentKinds.${d.kind}`)} · {formatSize(d.sizeBytes)} · {formatDateTime(d.uploadedAt)}
            </Typography.Text>
          </div>
        </Flex>
      ))}
    </Flex>
  );
}
