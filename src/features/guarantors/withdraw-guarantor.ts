import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { checkGuarantorMove, type InviterSide } from '../../core/guarantors/guarantee';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { GuarantorsDeps } from './guarantors-deps';
import type { GuarantorInvitationRecord } from './guarantor-store.port';
import { loadForInviter, mayInvite } from './load-for-inviter';

/**
 * The inviter side (the owning borrower or a loan officer) withdraws an invitation, whatever its
 * answer, but only before approval: an accepted guarantor cannot be dropped once the loan is
 * approved. Anchored on the ledger.
 */
export async function withdrawGuarantor({
  deps,
  actor,
  side,
  capture,
  applicationId,
  invitationId,
}: {
  deps: GuarantorsDeps;
  actor: Actor;
  side: InviterSide;
  capture?: Capture | undefined;
  applicationId: string;
  invitationId: string;
}): Promise<GuarantorInvitationRecord> {
  const app = await loadForInviter({ deps, actor, side, applicationId });
  if (!mayInvite(actor, side)) throw new AppError('FORBIDDEN');
  const current = await deps.store.findById(invitationId);
  if (!current || current.applicationId !== app.id) throw new AppError('GUARANTOR_INVITATION_NOT_FOUND');
  const check = checkGuarantorMove({
    from: current.status,
    move: 'withdraw',
    by: 'inviter',
    applicationStatus: app.status,
  });
  if (!check.allowed)
    throw new AppError('GUARANTOR_INVITATION_CLOSED', undefined, {
      status: current.status,
      applicationStatus: app.status,
      rule: check.reason,
    });
  const at = deps.clock();
  const evidence = await deps.evidence.prepare({
    type: 'guarantee',
    applicationId: app.id,
    actor,
    capture,
    at,
    record: {
      kind: 'guarantor.withdrawn',
      invitationId,
      applicationId: app.id,
      side,
      from: current.status,
      at: at.toISOString(),
    },
  });
  const updated = await deps.store.update({
    id: invitationId,
    expectedVersion: current.version,
    changes: { status: check.to, withdrawnAt: at, withdrawnBy: actor.accountId },
    evidence,
  });
  if (!updated)
    throw new AppError('GUARANTOR_INVITATION_CLOSED', 'The invitation changed meanwhile; reload it');
  deps.evidence.sequence();
  return updated;
}
