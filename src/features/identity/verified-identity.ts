import type { VerificationStatus } from './identity-store.port';

/**
 * Whether a verification's status counts as a verified identity: its two good endings, `verified`
 * and `officer_video_pending` (the authority and the phone passed; the officer checks the face in
 * the video interview). The one rule contracts, guarantors and the promotion of applications share.
 */
export const isVerifiedIdentity = (status: VerificationStatus): boolean =>
  status === 'verified' || status === 'officer_video_pending';
