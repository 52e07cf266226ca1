import type { Static } from 'typebox';
import type { Actor } from '../../core/accounts/roles';
import { approvalProgress, checkDecider } from '../../core/approval/approval-progress';
import { approvalMatrices } from '../../core/approval/authority-matrix';
import { AppError } from '../../core/errors';
import type { ApprovalCaseView, RevisedTermsView } from '../../contracts/approvals.schema';
import { factsOf } from './approval-facts';
import type { ApprovalCaseRecord, ApprovalDecisionRecord } from './approval-store.port';
import type { ApprovalsDeps } from './approvals-deps';
import { settleConcludedCase } from './settle-concluded-case';

const offer = (t: ApprovalCaseRecord['currentTerms']) => ({
  amount: t.amount,
  nominalAnnualRate: t.nominalAnnualRate,
  termMonths: t.termMonths,
  repaymentMethod: t.repaymentMethod,
});

/** A case as staff see it: steps, who decided what, what is next, whether the caller may decide and why not. */
export function viewApprovalCase({
  record,
  decisions,
  actor,
}: {
  record: ApprovalCaseRecord;
  decisions: readonly ApprovalDecisionRecord[];
  actor: Actor;
}): ApprovalCaseView {
  const facts = factsOf(decisions);
  const progress = approvalProgress({
    steps: record.steps,
    decisions: facts,
    termsVersion: record.termsVersion,
  });
  const check =
    record.status === 'pending'
      ? checkDecider({
          steps: record.steps,
          decisions: facts,
          termsVersion: record.termsVersion,
          decider: actor,
          preparerId: record.submittedBy,
          interviewerId: record.interviewerId,
        })
      : ({ canDecide: false, reason: 'CASE_CLOSED' } as const);
  const band = approvalMatrices
    .find((m) => m.version === record.matrixVersion)
    ?.bands.find((b) => b.id === record.bandId);
  const stoppedAt = progress.state === 'rejected' || progress.state === 'returned' ? progress.stepIndex : -1;
  const currentAt = progress.state === 'in_progress' ? progress.stepIndex : -1;
  return {
    id: record.id,
    applicationId: record.applicationId,
    status: record.status,
    matrixVersion: record.matrixVersion,
    band: {
      id: record.bandId,
      label: band ? { ...band.label } : { 'zh-CN': record.bandId, en: record.bandId },
    },
    kind: record.kind,
    grade: record.snapshot.grade,
    recommendedAnnualRate: record.snapshot.recommendedAnnualRate,
    recommendedLimit: record.snapshot.recommendedLimit,
    requestedTerms: offer(record.requestedTerms),
    currentTerms: offer(record.currentTerms),
    termsVersion: record.termsVersion,
    steps: record.steps.map((s, index) => ({
      index,
      kind: s.kind,
      roles: [...s.roles],
      seats: s.seats,
      state:
        index === stoppedAt
          ? 'stopped'
          : index === currentAt
            ? 'current'
            : progress.state === 'complete' || (currentAt >= 0 && index < currentAt)
              ? 'done'
              : stoppedAt >= 0 && index < stoppedAt
                ? 'done'
                : 'waiting',
      approvedBy: [
        ...new Set(
          decisions
            .filter(
              (d) =>
                d.stepIndex === index &&
                d.outcome === 'approve' &&
                (s.kind === 'risk_review' || d.termsVersion === record.termsVersion),
            )
            .map((d) => d.byAccountId),
        ),
      ],
    })),
    decisions: decisions.map((d) => ({
      seq: d.seq,
      stepIndex: d.stepIndex,
      stepKind: d.stepKind,
      outcome: d.outcome,
      reasonCode: d.reasonCode,
      text: d.text,
      byAccountId: d.byAccountId,
      byRole: d.byRole,
      termsVersion: d.termsVersion,
      revisedTerms: d.revisedTerms && offer(d.revisedTerms),
      at: d.at.toISOString(),
    })),
    next:
      progress.state === 'in_progress' && record.status === 'pending'
        ? {
            stepIndex: progress.stepIndex,
            kind: progress.step.kind,
            roles: [...progress.step.roles],
            seatsLeft: progress.seatsLeft,
          }
        : null,
    canDecide: check.canDecide,
    cannotDecideBecause: check.canDecide ? null : check.reason,
    pendingDisclosure: record.pendingDisclosure && {
      ...record.pendingDisclosure.disclosure,
      sha256: record.pendingDisclosure.sha256,
    },
    borrowerResponse: record.borrowerResponse && {
      decision: record.borrowerResponse.decision,
      at: record.borrowerResponse.at.toISOString(),
    },
    submittedBy: record.submittedBy,
    submittedAt: record.submittedAt.toISOString(),
    interviewerId: record.interviewerId,
    completedAt: record.completedAt?.toISOString() ?? null,
  };
}

/**
 * The application's latest approval case for staff. A concluded case whose application move was
 * interrupted (the move commits after the case) is settled here.
 */
export async function loadApprovalCase({
  deps,
  actor,
  applicationId,
}: {
  deps: ApprovalsDeps;
  actor: Actor;
  applicationId: string;
}): Promise<ApprovalCaseView> {
  const app = await deps.applications.find(applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND');
  const record = await deps.store.latestOf(applicationId);
  if (!record) throw new AppError('APPROVAL_CASE_NOT_FOUND');
  const decisions = await deps.store.decisions(record.id);
  if (app.status === 'risk_control') {
    const last = decisions.at(-1);
    if (record.status === 'declined_by_borrower')
      await settleConcludedCase({
        deps,
        record,
        actor: {
          accountId: app.borrowerAccountId,
          role: app.kind === 'individual' ? 'borrower_individual' : 'borrower_enterprise',
        },
      });
    else if (last && (record.status === 'approved' || record.status === 'rejected'))
      await settleConcludedCase({
        deps,
        record,
        actor: { accountId: last.byAccountId, role: last.byRole as Actor['role'] },
      });
  }
  return viewApprovalCase({ record, decisions, actor });
}

/** The revised terms waiting for the borrower's answer (only the application's borrower sees them). */
export async function loadRevisedTerms({
  deps,
  actor,
  applicationId,
}: {
  deps: ApprovalsDeps;
  actor: Actor;
  applicationId: string;
}): Promise<Static<typeof RevisedTermsView>> {
  const app = await deps.applications.find(applicationId);
  if (!app || app.borrowerAccountId !== actor.accountId) throw new AppError('APPLICATION_NOT_FOUND');
  const record = await deps.store.latestOf(applicationId);
  if (!record || record.status !== 'awaiting_borrower' || !record.pendingDisclosure)
    throw new AppError('APPROVAL_NO_PENDING_DISCLOSURE');
  return {
    applicationId,
    caseId: record.id,
    requestedTerms: offer(record.requestedTerms),
    disclosure: { ...record.pendingDisclosure.disclosure, sha256: record.pendingDisclosure.sha256 },
  };
}
