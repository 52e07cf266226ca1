import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** The approval case of an application, for staff: submit, decide with step-up, revise terms. (To be built.) */
export function ApprovalCard(_props: { applicationId: string; applicationStatus: ApplicationStatus }) {
  return null;
}
