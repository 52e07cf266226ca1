import type { ApplicationDetails } from '../../../../src/contracts/applications.schema';
import type { ApplicationKind } from './applications-api';

/** The wizard's form values: `ApplicationDetails` without the product, which is chosen before. */
export type WizardValues = Omit<ApplicationDetails, 'loan'> & {
  loan?: Omit<ApplicationDetails['loan'], 'productCode'>;
};

const sectionsOfKind: Record<ApplicationKind, (keyof WizardValues)[]> = {
  individual: ['loan', 'applicant'],
  enterprise: ['loan', 'company', 'project', 'financials', 'stakeholders'],
};

/**
 * Drops what the user left empty: the API rejects empty strings where text needs a character and
 * unknown or null fields, so only filled-in values are sent. Strings are trimmed; empty objects and
 * array rows vanish.
 */
function prune(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, prune(v)] as const)
      .filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

/** The details to send for a kind of application, from all the form's values (every step's). */
export function toDetails(
  values: WizardValues,
  productCode: string,
  kind: ApplicationKind,
): ApplicationDetails {
  const picked = Object.fromEntries(sectionsOfKind[kind].map((section) => [section, values[section]]));
  const pruned = (prune(picked) ?? {}) as Omit<ApplicationDetails, 'loan'> & { loan?: WizardValues['loan'] };
  // The form's field names are the contract's, so the pruned values have its shape.
  return { ...pruned, loan: { ...pruned.loan, productCode } };
}

export function toFormValues(details: ApplicationDetails): WizardValues {
  const { productCode: _, ...loan } = details.loan;
  return { ...details, loan };
}
