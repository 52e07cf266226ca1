import { Empty, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetails } from '../../../../src/contracts/applications.schema';
import type { ApplicationKind } from './applications-api';
import { DetailsSection } from './details-section';
import {
  companyFields,
  enterpriseLoanFields,
  financialsFields,
  loanFields,
  projectFields,
  sectionFields,
  stakeholderFields,
} from './field-defs';
import { useFieldText } from './use-field-text';

interface Props {
  details: ApplicationDetails;
  kind: ApplicationKind;
  productName: string;
}

/** Everything the borrower filled in, section by section, read-only (review step and staff view). */
export function ApplicationDetailsSections({ details, kind, productName }: Props) {
  const { t } = useTranslation();
  const text = useFieldText();
  const product = [{ label: t('common.product'), value: productName }];
  return (
    <Flex vertical gap={12} data-testid="application-details">
      <DetailsSection
        section="loan"
        title={text.section('loan')}
        values={details.loan}
        leading={product}
        fields={kind === 'enterprise' ? [...loanFields, ...enterpriseLoanFields] : loanFields}
      />
      {kind === 'individual' ? (
        <DetailsSection
          section="applicant"
          title={text.section('applicant')}
          values={details.applicant}
          fields={sectionFields.applicant}
        />
      ) : (
        <>
          <DetailsSection
            section="company"
            title={text.section('company')}
            values={details.company}
            fields={companyFields}
          />
          <DetailsSection
            section="project"
            title={text.section('project')}
            values={details.project}
            fields={projectFields}
          />
          <DetailsSection
            section="financials"
            title={text.section('financials')}
            values={details.financials}
            fields={financialsFields}
          />
          {details.stakeholders?.length ? (
            details.stakeholders.map((s, i) => (
              <DetailsSection
                key={i}
                section="stakeholders"
                title={`${text.section('stakeholders')} #${i + 1}`}
                values={s}
                fields={stakeholderFields}
              />
            ))
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wizard.noStakeholders')} />
          )}
        </>
      )}
    </Flex>
  );
}
