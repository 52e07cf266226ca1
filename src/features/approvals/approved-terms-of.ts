import type { ApprovedTermsRecord } from './approval-store.port';
import type { ApprovalsDeps } from './approvals-deps';

/**
 * The terms an application was approved on (amount, nominal annual rate, term, repayment method),
 * or undefined when it has no approved case. Contracts are drawn up on these.
 */
export async function approvedTermsOf({
  deps,
  applicationId,
}: {
  deps: Pick<ApprovalsDeps, 'store'>;
  applicationId: string;
}): Promise<ApprovedTermsRecord | undefined> {
  return deps.store.approvedTermsOf(applicationId);
}
