import type { ProductList } from '../../contracts/applications.schema';
import type { ScreeningPolicy } from '../../core/screening/policy';

/** The loan products of the policy in force, for the application form. */
export function listProducts({ policy }: { policy: ScreeningPolicy }): ProductList {
  return {
    policyVersion: policy.version,
    items: policy.products.map((p) => ({
      code: p.code,
      kind: p.kind,
      name: p.name,
      minAmount: p.minAmount,
      maxAmount: p.maxAmount,
      minTermMonths: p.minTermMonths,
      maxTermMonths: p.maxTermMonths,
      repaymentMethods: p.repaymentMethods,
      requiredDocuments: p.requiredDocuments as ProductList['items'][number]['requiredDocuments'],
    })),
  };
}
