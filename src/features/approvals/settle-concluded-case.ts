import type { Actor } from '../../core/accounts/roles';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { ApprovalCaseRecord } from './approval-store.port';
import type { ApprovalsDeps } from './approvals-deps';

/**
 * Moves the application to where its concluded case says (approved or rejected as the decider who
 * concluded it, withdrawn as the borrower who declined revised terms). Runs after the case's commit;
 * idempotent, so reading a case whose move was interrupted (a crash between the two commits) completes
 * it — `loadApprovalCase` does.
 */
export async function settleConcludedCase({
  deps,
  record,
  actor,
  capture,
}: {
  deps: Pick<ApprovalsDeps, 'applications'>;
  record: ApprovalCaseRecord;
  actor: Actor;
  capture?: Capture | undefined;
}): Promise<void> {
  const base = { applicationId: record.applicationId, caseId: record.id, actor, capture };
  if (record.status === 'approved')
    await deps.applications.conclude({
      ...base,
      to: 'approved',
      reason: `approved (${record.matrixVersion}, ${record.bandId})`,
      terms: record.currentTerms,
    });
  else if (record.status === 'rejected')
    await deps.applications.conclude({
      ...base,
      to: 'rejected',
      reason: `rejected in approval (${record.bandId})`,
    });
  else if (record.status === 'declined_by_borrower')
    await deps.applications.conclude({
      ...base,
      to: 'withdrawn',
      reason: 'the borrower declined the revised terms',
    });
}
