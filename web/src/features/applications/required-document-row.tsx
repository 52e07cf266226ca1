import { CheckCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentView } from '../../../../src/contracts/applications.schema';
import type { DocumentKind } from './applications-api';
import { DocumentUpload } from './document-upload';

interface Props {
  applicationId: string;
  kind: DocumentKind;
  uploaded: DocumentView[];
  onUploaded: (document: DocumentView) => void;
}

/** A document kind the product requires: whether it is there yet, and a button to upload it. */
export function RequiredDocumentRow({ applicationId, kind, uploaded, onUploaded }: Props) {
  const { t } = useTranslation();
  const done = uploaded.length > 0;
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={8}
      data-testid={`required-document-${kind}`}
      data-uploaded={done}
    >
      <Flex gap={8} align="center" style={{ minWidth: 0 }}>
        {done ? (
          <CheckCircleTwoTone twoToneColor="#52c41a" />
        ) : (
          <ExclamationCircleTwoTone twoToneColor="#faad14" />
        )}
        <div style={{ minWidth: 0 }}>
          <Typography.Text>{t(`documentKinds.${kind}`)}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {done ? t('documents.uploadedCount', { count: uploaded.length }) : t('documents.missing')}
          </Typography.Text>
        </div>
      </Flex>
      <DocumentUpload
        applicationId={applicationId}
        kind={kind}
        onUploaded={onUploaded}
        testId={`upload-${kind}`}
      />
    </Flex>
  );
}
