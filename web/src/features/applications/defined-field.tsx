import type { FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { EnumField } from '../../shared/fields/enum-field';
import { IntegerField } from '../../shared/fields/integer-field';
import { LongTextField } from '../../shared/fields/long-text-field';
import { TextField } from '../../shared/fields/text-field';
import { YuanField } from '../../shared/fields/yuan-field';
import { useRules } from '../../shared/validation';
import type { FieldDef, SectionKey } from './field-defs';
import { useFieldText } from './use-field-text';

interface Props {
  section: SectionKey;
  def: FieldDef;
  name: FormItemProps['name'];
  testId: string;
  /** Only stakeholders' role and name: the contract needs them even in a draft. */
  required?: boolean;
}

/** The form input for one field definition. */
export function DefinedField({ section, def, name, testId, required = false }: Props) {
  const { t } = useTranslation();
  const r = useRules();
  const text = useFieldText();
  const extra = def.isForRisk ? t('risk.wizard.optionalHint') : undefined;
  const label = text.label(section, def.name);
  const requiredRules = required ? [r.required()] : [];
  switch (def.type) {
    case 'text': {
      const formatRule = def.format && r[def.format]();
      return (
        <TextField
          name={name}
          label={label}
          testId={testId}
          maxLength={def.max}
          rules={formatRule ? [...requiredRules, formatRule] : requiredRules}
          inputMode={def.format === 'mobile' ? 'tel' : undefined}
        />
      );
    }
    case 'longText':
      return <LongTextField name={name} label={label} testId={testId} maxLength={def.max} />;
    case 'yuan':
      return <YuanField name={name} label={label} testId={testId} signed={def.signed} extra={extra} />;
    case 'integer':
      return <IntegerField name={name} label={label} testId={testId} min={def.min} max={def.max} />;
    case 'enum':
      return (
        <EnumField
          name={name}
          label={label}
          testId={testId}
          values={def.values}
          labelOf={(v) => text.enumLabel(def.group, v)}
          rules={requiredRules}
        />
      );
  }
}
