import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** Conditions precedent (放款前提条件) of an application, for staff: tick each with evidence. (To be built.) */
export function ConditionsCard(_props: { applicationId: string; applicationStatus: ApplicationStatus }) {
  return null;
}
