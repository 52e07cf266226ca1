import type { FieldDef, SectionKey } from './field-defs';
import { DefinedField } from './defined-field';

/** The inputs of some fields of one section, named `[section, field]` in the wizard's form. */
export function SectionFields({ section, fields }: { section: SectionKey; fields: FieldDef[] }) {
  return (
    <>
      {fields.map((def) => (
        <DefinedField
          key={def.name}
          section={section}
          def={def}
          name={[section, def.name]}
          testId={def.testId}
        />
      ))}
    </>
  );
}
