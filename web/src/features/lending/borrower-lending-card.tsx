import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** For the borrower: revised terms to accept or decline, and the active repayment schedule. (To be built.) */
export function BorrowerLendingCard(_props: { applicationId: string; applicationStatus: ApplicationStatus }) {
  return null;
}
