import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import { termsRecord } from './approval-facts';
import type { ApprovalCaseRecord } from './approval-store.port';
import type { ApprovalsDeps } from './approvals-deps';
import { settleConcludedCase } from './settle-concluded-case';

/**
 * The borrower answers revised terms (确认审批变更): naming the SHA-256 of the disclosure they read, so
 * an answer to terms that changed meanwhile is refused. Accepting completes the case and the
 * application is approved on the revised terms (the move made by the last approver's authority, as
 * the staff member who approved them); declining ends the case and withdraws the application, as the
 * borrower (a new request is a new application). Anchored on the ledger.
 */
export async function answerRevisedTerms({
  deps,
  actor,
  capture,
  applicationId,
  decision,
  disclosureSha256,
}: {
  deps: ApprovalsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  decision: 'accept' | 'decline';
  disclosureSha256: string;
}): Promise<ApprovalCaseRecord> {
  const app = await deps.applications.find(applicationId);
  if (!app || app.borrowerAccountId !== actor.accountId) throw new AppError('APPLICATION_NOT_FOUND');
  const current = await deps.store.latestOf(applicationId);
  if (!current || current.status !== 'awaiting_borrower' || !current.pendingDisclosure)
    throw new AppError('APPROVAL_NO_PENDING_DISCLOSURE');
  if (current.pendingDisclosure.sha256 !== disclosureSha256)
    throw new AppError('APPROVAL_DISCLOSURE_CHANGED', undefined, {
      disclosureSha256: current.pendingDisclosure.sha256,
    });
  const at = deps.clock();
  const status = decision === 'accept' ? 'approved' : 'declined_by_borrower';
  const evidence = await deps.evidence.prepare({
    type: 'approval',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'approval.borrower_answer',
      caseId: current.id,
      applicationId,
      decision,
      disclosureSha256,
      terms: termsRecord(current.currentTerms),
      caseStatus: status,
      at: at.toISOString(),
    },
  });
  const updated = await deps.store.update({
    caseId: current.id,
    expectedVersion: current.version,
    changes: { status, borrowerResponse: { decision, at, disclosureSha256 }, completedAt: at },
    evidence: [evidence],
  });
  if (!updated) throw new AppError('APPROVAL_DISCLOSURE_CHANGED');
  deps.evidence.sequence();
  if (status === 'approved') {
    // The application is approved under the authority of the last approver of the terms.
    const decisions = await deps.store.decisions(updated.id);
    const last = decisions.filter((d) => d.outcome === 'approve').at(-1);
    if (last)
      await settleConcludedCase({
        deps,
        record: updated,
        actor: { accountId: last.byAccountId, role: last.byRole as Actor['role'] },
      });
  } else await settleConcludedCase({ deps, record: updated, actor, capture });
  return updated;
}
