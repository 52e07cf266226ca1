import { Alert, Card, Divider, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  documentKinds,
  type ApplicationView,
  type DocumentView,
} from '../../../../../src/contracts/applications.schema';
import { EnumSelect } from '../../../shared/enum-select';
import type { DocumentKind, Product } from '../applications-api';
import { DocumentList } from '../document-list';
import { DocumentUpload } from '../document-upload';
import { RequiredDocumentRow } from '../required-document-row';

interface Props {
  product: Product;
  application: ApplicationView | undefined;
  onUploaded: (document: DocumentView) => void;
}

/** Uploads need an application id, so this step works once the draft has been saved. */
export function DocumentsStep({ product, application, onUploaded }: Props) {
  const { t } = useTranslation();
  const otherKinds = documentKinds.filter((k) => !product.requiredDocuments.includes(k));
  const [otherKind, setOtherKind] = useState<DocumentKind>(otherKinds[0] ?? 'other');

  if (!application)
    return (
      <Alert type="info" showIcon title={t('wizard.saveBeforeUpload')} data-testid="save-before-upload" />
    );

  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('documents.required')}>
        <Flex vertical gap={12}>
          {product.requiredDocuments.map((kind) => (
            <RequiredDocumentRow
              key={kind}
              applicationId={application.id}
              kind={kind}
              uploaded={application.documents.filter((d) => d.kind === kind)}
              onUploaded={onUploaded}
            />
          ))}
        </Flex>
      </Card>
      <Card size="small" title={t('documents.other')}>
        <Flex gap={8} wrap>
          <EnumSelect
            testId="other-document-kind"
            values={otherKinds}
            labelOf={(k) => t(`documentKinds.${k}`)}
            value={otherKind}
            onChange={setOtherKind}
            style={{ minWidth: 180, flex: 1 }}
          />
          <DocumentUpload
            applicationId={application.id}
            kind={otherKind}
            onUploaded={onUploaded}
            testId="upload-other"
          />
        </Flex>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
          {t('documents.allowed')}
        </Typography.Paragraph>
      </Card>
      <Divider titlePlacement="start" style={{ margin: 0 }}>
        {t('documents.uploadedTitle')}
      </Divider>
      <DocumentList applicationId={application.id} documents={application.documents} />
    </Flex>
  );
}
