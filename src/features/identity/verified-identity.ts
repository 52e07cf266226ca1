import type { VerificationStatus } from './identity-store.port';

/**
 * The statuses that count as a verified identity: a verification's two good endings, `verified` and
 * `officer_video_pending` (the authority and the phone passed; the officer checks the face in the
 * video interview). The one rule behind IdentityStore.verifiedIdentityOf, which contracts, guarantors
 * and the promotion of applications share.
 */
export const verifiedIdentityStatuses = [
  'verified',
  'officer_video_pending',
] as const satisfies readonly VerificationStatus[];
