import { Card, Descriptions, Grid } from 'antd';
import type { ReactNode } from 'react';
import type { FieldDef, SectionKey } from './field-defs';
import { useFieldText } from './use-field-text';

interface Props {
  section: SectionKey;
  title: ReactNode;
  values: Record<string, unknown> | undefined;
  /** Rows shown before the defined fields (e.g. the product of the loan section). */
  leading?: { label: string; value: ReactNode }[];
  fields: FieldDef[];
  testId?: string;
}

/** A read-only card of one section of the details; every field is listed, empty ones as a dash. */
export function DetailsSection({ section, title, values, leading = [], fields, testId }: Props) {
  const text = useFieldText();
  const screens = Grid.useBreakpoint();
  const items = [
    ...leading.map((row, i) => ({ key: `leading-${i}`, label: row.label, children: row.value })),
    ...fields.map((def) => ({
      key: def.name,
      label: text.label(section, def.name),
      children: text.value(def, values?.[def.name]),
    })),
  ];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Descriptions size="small" column={screens.lg ? 2 : 1} items={items} />
    </Card>
  );
}
