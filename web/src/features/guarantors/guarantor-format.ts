import type { GuarantorInvitationView } from '../../../../src/contracts/guarantors.schema';

type Status = GuarantorInvitationView['status'];
export type Relationship = GuarantorInvitationView['relationship'];

/** The relationships a guarantor may have to the borrower (as the API lists them). */
export const relationships = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'relative',
  'friend',
  'colleague',
  'business_partner',
  'other',
] as const satisfies readonly Relationship[];

/** The tag colour of each status. */
export const statusColor: Record<Status, string> = {
  invited: 'blue',
  accepted: 'green',
  declined: 'red',
  verification_failed: 'volcano',
  withdrawn: 'default',
};
