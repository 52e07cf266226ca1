import { useTranslation } from 'react-i18next';
import { documentKinds, stakeholderRoles } from '../../../../src/contracts/applications.schema';
import { sectionFields, type SectionKey } from './field-defs';
import { useFieldText } from './use-field-text';

const isSection = (s: string | undefined): s is SectionKey =>
  s !== undefined && Object.hasOwn(sectionFields, s);
const isDocumentKind = (s: string | undefined): s is (typeof documentKinds)[number] =>
  (documentKinds as readonly (string | undefined)[]).includes(s);
const isStakeholderRole = (s: string | undefined): s is (typeof stakeholderRoles)[number] =>
  (stakeholderRoles as readonly (string | undefined)[]).includes(s);

/**
 * A readable label for a path of the server's `missingFields` ("applicant.idNumber",
 * "stakeholders.legal_representative": a stakeholder in that role) or of a missing document
 * ("documents.income_proof"); a path it does not know is shown as it came.
 */
export function useMissingFieldLabel(): (path: string) => string {
  const { t } = useTranslation();
  const text = useFieldText();
  return (path) => {
    const parts = path.split(/[./:[\]]+/).filter(Boolean);
    const index = parts.find((p) => /^\d+$/.test(p));
    const [section, name] = parts.filter((p) => !/^\d+$/.test(p));
    if (section === 'documents') {
      return isDocumentKind(name)
        ? `${text.section('documents')} · ${t(`documentKinds.${name}`)}`
        : text.section('documents');
    }
    if (section === 'stakeholders' && isStakeholderRole(name)) {
      return `${text.section('stakeholders')} · ${t(`stakeholderRoles.${name}`)}`;
    }
    if (!isSection(section)) return path;
    const sectionLabel =
      index === undefined ? text.section(section) : `${text.section(section)} #${Number(index) + 1}`;
    if (!name) return sectionLabel;
    return sectionFields[section].some((d) => d.name === name)
      ? `${sectionLabel} · ${text.label(section, name)}`
      : path;
  };
}
