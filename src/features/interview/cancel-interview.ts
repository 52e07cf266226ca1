import type { Actor } from '../../core/accounts/roles';
import { isBorrower } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { InterviewDeps } from './interview-deps';
import type { InterviewRecord } from './interview-store.port';

/**
 * Cancels a scheduled interview: by the borrower to reschedule (the slot is offered again if it has not
 * begun) or by the interviewing officer (the slot is withdrawn). The application goes back to
 * identity_verified, where the borrower picks again. Anchored on the ledger. An interview already in
 * progress or concluded cannot be cancelled.
 */
export async function cancelInterview({
  deps,
  actor,
  capture,
  interview,
  reason,
}: {
  deps: InterviewDeps;
  actor: Actor;
  capture?: Capture | undefined;
  interview: InterviewRecord;
  reason: string;
}): Promise<InterviewRecord> {
  const asBorrower = isBorrower(actor.role);
  if (asBorrower ? interview.borrowerAccountId !== actor.accountId : interview.officerId !== actor.accountId)
    throw asBorrower ? new AppError('INTERVIEW_NOT_FOUND') : new AppError('INTERVIEW_NOT_INTERVIEWER');
  if (interview.status === 'cancelled') return interview;
  if (interview.status !== 'scheduled')
    throw new AppError('INTERVIEW_NOT_LIVE', 'The interview has begun or ended');
  const now = deps.clock();
  const evidence = await deps.evidence.prepare({
    applicationId: interview.applicationId,
    actor,
    capture,
    at: now,
    record: {
      kind: 'interview.cancelled',
      interviewId: interview.id,
      by: asBorrower ? 'borrower' : 'officer',
      at: now.toISOString(),
    },
  });
  const updated = await deps.store.update({
    id: interview.id,
    expectedVersion: interview.version,
    changes: { status: 'cancelled', cancelledAt: now, cancelReason: reason },
    slotStatus: asBorrower && interview.startsAt.getTime() > now.getTime() ? 'open' : 'cancelled',
    evidence: [evidence],
  });
  if (!updated) throw new AppError('INTERVIEW_CONFLICT');
  deps.evidence.sequence();
  await deps.applications.move({
    applicationId: interview.applicationId,
    to: 'identity_verified',
    as: asBorrower ? 'borrower' : 'staff',
    actor,
    reason: asBorrower ? 'interview rescheduled by the borrower' : 'interview cancelled by the officer',
    from: ['interview_scheduled'],
    capture,
    record: { interview: interview.id, cancelled: true },
  });
  return updated;
}
