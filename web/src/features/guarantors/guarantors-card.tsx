import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** Guarantors of an application: invitations and their answers (staff and the borrower). (To be built.) */
export function GuarantorsCard(_props: { applicationId: string; applicationStatus: ApplicationStatus }) {
  return null;
}
