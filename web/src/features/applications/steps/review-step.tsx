import { Card, Flex } from 'antd';
import type { ApplicationView } from '../../../../../src/contracts/applications.schema';
import type { Product } from '../applications-api';
import { useFieldText } from '../use-field-text';
import { ApplicationDetailsSections } from '../application-details-sections';
import { DocumentList } from '../document-list';
import { MissingFields } from '../missing-fields';

interface Props {
  application: ApplicationView;
  product: Product;
  productName: string;
  /** From the last save, or from a refused submission. */
  missingFields: string[];
}

/** The saved draft as the server has it, what it still lacks, and (in the button bar) Submit. */
export function ReviewStep({ application, product, productName, missingFields }: Props) {
  const text = useFieldText();
  // The server lists missing fields only; a missing required document shows up as a screening
  // failure after submission, so warn about it here already.
  const missingDocuments = product.requiredDocuments
    .filter((kind) => !application.documents.some((d) => d.kind === kind))
    .map((kind) => `documents.${kind}`);
  return (
    <Flex vertical gap={12}>
      <MissingFields fields={[...missingFields, ...missingDocuments]} />
      <ApplicationDetailsSections
        details={application.details}
        kind={application.kind}
        productName={productName}
      />
      <Card size="small" title={text.section('documents')}>
        <DocumentList applicationId={application.id} documents={application.documents} />
      </Card>
    </Flex>
  );
}
