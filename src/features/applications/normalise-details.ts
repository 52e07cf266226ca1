import type { ApplicationDetails, ApplicationKind } from '../../core/application/application';
import { normaliseMobile } from '../../core/identity/mobile';
import { AppError } from '../../core/errors';
import type { ScreeningPolicy } from '../../core/screening/policy';
import { findProduct } from '../../core/screening/policy';

/**
 * Checks that the details fit the application kind and product, and brings identifiers to canonical
 * form (upper-case X and credit codes, bare 11-digit mobiles). Schema validation has already run.
 */
export function normaliseDetails({
  kind,
  details,
  policy,
}: {
  kind: ApplicationKind;
  details: ApplicationDetails;
  policy: ScreeningPolicy;
}): ApplicationDetails {
  const product = findProduct({ policy, code: details.loan.productCode });
  if (!product) throw new AppError('PRODUCT_NOT_FOUND', undefined, { productCode: details.loan.productCode });
  if (product.kind !== kind)
    throw new AppError(
      'APPLICATION_KIND_MISMATCH',
      `Product ${product.code} is for ${product.kind} applicants`,
    );
  const foreign =
    kind === 'individual'
      ? (['company', 'project', 'financials', 'stakeholders'] as const)
      : (['applicant'] as const);
  for (const section of foreign) {
    if (details[section] !== undefined)
      throw new AppError('VALIDATION_FAILED', `An ${kind} application has no "${section}" section`, {
        field: section,
      });
  }
  if (kind === 'enterprise' && !product.isProjectFinance && details.project !== undefined)
    throw new AppError('VALIDATION_FAILED', 'Only project financing has a "project" section', {
      field: 'project',
    });

  const mobile = (value: string | undefined, field: string) => {
    if (value === undefined) return undefined;
    const m = normaliseMobile(value);
    if (!m) throw new AppError('VALIDATION_FAILED', 'Not a mainland mobile number', { field });
    return m;
  };
  const out: ApplicationDetails = structuredClone(details);
  if (out.applicant) {
    if (out.applicant.idNumber) out.applicant.idNumber = out.applicant.idNumber.toUpperCase();
    const m = mobile(out.applicant.mobile, 'applicant.mobile');
    if (m) out.applicant.mobile = m;
  }
  if (out.company?.creditCode) out.company.creditCode = out.company.creditCode.toUpperCase();
  out.stakeholders = out.stakeholders?.map((s, i) => {
    const copy = { ...s };
    if (copy.idNumber) copy.idNumber = copy.idNumber.toUpperCase();
    if (copy.creditCode) copy.creditCode = copy.creditCode.toUpperCase();
    const m = mobile(copy.mobile, `stakeholders.${i}.mobile`);
    if (m) copy.mobile = m;
    return copy;
  });
  if (out.stakeholders === undefined) delete out.stakeholders;
  return out;
}
