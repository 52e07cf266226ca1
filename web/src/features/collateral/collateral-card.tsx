import type { ApplicationStatus } from '../../../../src/contracts/applications.schema';

/** Collateral (押品) of an application, for staff: items, valuations, LTV, coverage, DSCR. (To be built.) */
export function CollateralCard(_props: { applicationId: string; applicationStatus: ApplicationStatus }) {
  return null;
}
