/** The statuses, inviter sides and relationships of guarantor invitations (no I/O; shared with the web). */
export const guarantorStatuses = [
  'invited',
  'accepted',
  'declined',
  'verification_failed',
  'withdrawn',
] as const;
export type GuarantorStatus = (typeof guarantorStatuses)[number];

/** Who may invite: the application's own borrower or a loan officer. */
export type InviterSide = 'borrower' | 'officer';

export const guarantorRelationships = [
  'spouse',
  'parent',
  'child',
  'sibling',
  'relative',
  'friend',
  'colleague',
  'business_partner',
  'other',
] as const;
export type GuarantorRelationship = (typeof guarantorRelationships)[number];
