import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../shared/money';
import type { EnumGroup, FieldDef, SectionKey } from './field-defs';

/**
 * Labels and display values of the fields in field-defs.ts. Their keys are built from names, which the
 * typed `t` cannot follow; tsc's check that both catalogues match and the definitions' fixed names
 * keep them in step.
 */
export function useFieldText() {
  const { t, i18n } = useTranslation();
  const lookup = (key: string): string => i18n.t(key as never);
  return {
    section: (section: SectionKey | 'documents'): string => t(`sections.${section}`),
    label: (section: SectionKey, name: string): string => lookup(`fields.${section}.${name}`),
    enumLabel: (group: EnumGroup, value: string): string => lookup(`${group}.${value}`),
    /** A stored value as text: money formatted, enum values translated, nothing as a dash. */
    value: (def: FieldDef, value: unknown): string => {
      if (value === undefined || value === null || value === '') return '—';
      if (def.type === 'yuan') return formatYuan(String(value));
      if (def.type === 'enum') return lookup(`${def.group}.${String(value)}`);
      return String(value);
    },
  };
}
