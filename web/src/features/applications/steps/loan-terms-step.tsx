import { useTranslation } from 'react-i18next';
import { loanPurposes } from '../../../../../src/contracts/applications.schema';
import { EnumField } from '../../../shared/fields/enum-field';
import { IntegerField } from '../../../shared/fields/integer-field';
import { LongTextField } from '../../../shared/fields/long-text-field';
import { YuanField } from '../../../shared/fields/yuan-field';
import { formatYuan } from '../../../shared/money';
import { useRules } from '../../../shared/validation';
import type { Product } from '../applications-api';
import { DefinedField } from '../defined-field';
import { enterpriseLoanFields } from '../field-defs';
import { useFieldText } from '../use-field-text';

/** Amount, term and repayment within the chosen product's limits (and, for enterprises, the collateral's value). */
export function LoanTermsStep({ product }: { product: Product }) {
  const { t } = useTranslation();
  const r = useRules();
  const text = useFieldText();
  return (
    <>
      <YuanField
        name={['loan', 'amount']}
        label={text.label('loan', 'amount')}
        testId="app-amount"
        rules={[r.yuanBetween(product.minAmount, product.maxAmount)]}
        extra={t('wizard.amountHint', {
          min: formatYuan(product.minAmount),
          max: formatYuan(product.maxAmount),
        })}
      />
      <IntegerField
        name={['loan', 'termMonths']}
        label={text.label('loan', 'termMonths')}
        testId="app-term-months"
        min={product.minTermMonths}
        max={product.maxTermMonths}
        extra={t('wizard.termHint', { min: product.minTermMonths, max: product.maxTermMonths })}
      />
      <EnumField
        name={['loan', 'repaymentMethod']}
        label={text.label('loan', 'repaymentMethod')}
        testId="app-repayment-method"
        values={product.repaymentMethods}
        labelOf={(v) => t(`repaymentMethods.${v}`)}
      />
      <EnumField
        name={['loan', 'purpose']}
        label={text.label('loan', 'purpose')}
        testId="app-purpose"
        values={loanPurposes}
        labelOf={(v) => t(`loanPurposes.${v}`)}
      />
      <LongTextField
        name={['loan', 'purposeDetail']}
        label={text.label('loan', 'purposeDetail')}
        testId="app-purpose-detail"
        maxLength={500}
      />
      {product.kind === 'enterprise' &&
        enterpriseLoanFields.map((def) => (
          <DefinedField
            key={def.name}
            section="loan"
            def={def}
            name={['loan', def.name]}
            testId={def.testId}
          />
        ))}
    </>
  );
}
