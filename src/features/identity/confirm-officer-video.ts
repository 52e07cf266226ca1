import type { Capture } from '../../core/ledger/evidence/capture';
import type { IdentityDeps } from './identity-deps';
import type { VerificationRecord } from './identity-store.port';

/**
 * The loan officer confirmed, in a passed video interview, that the borrower who chose the officer
 * check instead of face recognition is the person the authority knows: the borrower's pending
 * verification becomes verified, with a leaf naming the interview. Nothing happens when the borrower
 * is not pending an officer check (already verified, or verified by face); a retry is a no-op.
 */
export async function confirmOfficerVideo({
  deps,
  accountId,
  interviewId,
  actor,
  capture,
}: {
  deps: Pick<IdentityDeps, 'store' | 'evidence' | 'clock'>;
  accountId: string;
  interviewId: string;
  actor: { accountId: string | null; role: string };
  capture?: Capture | undefined;
}): Promise<VerificationRecord | undefined> {
  // The identity in force (a newer attempt that failed or is under way does not hide it).
  const verification = await deps.store.verifiedIdentityOf(accountId);
  if (verification?.status !== 'officer_video_pending') return undefined;
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'identity.check',
    accountId,
    actor,
    capture,
    at,
    record: {
      kind: 'identity.check',
      step: 'officer_video',
      verificationId: verification.id,
      interviewId,
      result: 'verified',
      at: at.toISOString(),
    },
  });
  const updated = await deps.store.confirmOfficerVideo({ verificationId: verification.id, at, evidence });
  if (updated) deps.evidence.sequence();
  return updated;
}
