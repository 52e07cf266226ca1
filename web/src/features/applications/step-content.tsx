import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationView, DocumentView } from '../../../../src/contracts/applications.schema';
import type { Product } from './applications-api';
import {
  applicantIdentityFields,
  applicantIncomeFields,
  companyFields,
  financialsFields,
  projectFields,
} from './field-defs';
import { SectionFields } from './section-fields';
import { DocumentsStep } from './steps/documents-step';
import { LoanTermsStep } from './steps/loan-terms-step';
import { ReviewStep } from './steps/review-step';
import { StakeholdersStep } from './steps/stakeholders-step';
import type { StepKey } from './wizard-steps';

interface Props {
  step: StepKey;
  product: Product;
  productName: string;
  application: ApplicationView | undefined;
  missingFields: string[];
  onUploaded: (document: DocumentView) => void;
}

export function StepContent({ step, product, productName, application, missingFields, onUploaded }: Props) {
  const { t } = useTranslation();
  switch (step) {
    case 'loan':
      return <LoanTermsStep product={product} />;
    case 'applicant':
      return <SectionFields section="applicant" fields={applicantIdentityFields} />;
    case 'employment':
      return <SectionFields section="applicant" fields={applicantIncomeFields} />;
    case 'company':
      return <SectionFields section="company" fields={companyFields} />;
    case 'project':
      return <SectionFields section="project" fields={projectFields} />;
    case 'financials':
      return <SectionFields section="financials" fields={financialsFields} />;
    case 'stakeholders':
      return <StakeholdersStep />;
    case 'documents':
      return <DocumentsStep product={product} application={application} onUploaded={onUploaded} />;
    case 'review':
      return application ? (
        <ReviewStep
          application={application}
          product={product}
          productName={productName}
          missingFields={missingFields}
        />
      ) : (
        <Alert type="info" showIcon title={t('wizard.saveBeforeReview')} />
      );
  }
}
