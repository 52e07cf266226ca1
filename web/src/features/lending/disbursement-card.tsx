import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** Disbursement of a signed loan, for staff: request once with an Idempotency-Key, follow it. (To be built.) */
export function DisbursementCard(_props: { applicationId: string; applicationStatus: ApplicationStatus }) {
  return null;
}
