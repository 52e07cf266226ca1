import type { Actor } from '../../core/accounts/roles';
import { approvalProgress, checkDecider, isTermsStep } from '../../core/approval/approval-progress';
import type { ApprovalOutcome } from '../../core/approval/approval-progress';
import { discloseOffer, isSameOffer, reviseTerms, type TermsChange } from '../../core/approval/loan-offer';
import { canonicalJson } from '../../core/ledger/evidence/canonical-json';
import { AppError } from '../../core/errors';
import type { Capture } from '../../core/ledger/evidence/capture';
import { findProduct } from '../../core/screening/policy';
import { factsOf, sha256Hex, termsRecord } from './approval-facts';
import type {
  ApprovalCaseChanges,
  ApprovalCaseRecord,
  ApprovalDecisionRecord,
  ApprovalReasonCode,
} from './approval-store.port';
import type { ApprovalsDeps } from './approvals-deps';
import { settleConcludedCase } from './settle-concluded-case';

/**
 * A risk officer or approver decides the case's current step (审批决定): approve, reject or return to
 * the officer, with a reason code and a written reason. Four-eyes and the step's roles are checked by
 * core/approval; the caller proved a second factor moments ago (the route's step-up). An approver
 * approving may revise the amount, rate or term within the limits; when every step has approved
 * terms other than those requested, the borrower gets the revised disclosure to accept. When the
 * case ends the application moves on (approved or rejected, as this decider). The decision is stored
 * with its reason (the text encrypted) and anchored on the ledger (the text as its SHA-256).
 */
export async function decideApprovalStep({
  deps,
  actor,
  capture,
  applicationId,
  expectedStepIndex,
  outcome,
  reasonCode,
  text,
  revisedTerms,
}: {
  deps: ApprovalsDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  /** The step the caller saw as current; refused with APPROVAL_STEP_CHANGED if the case moved on. */
  expectedStepIndex?: number | undefined;
  outcome: ApprovalOutcome;
  reasonCode: ApprovalReasonCode;
  text: string;
  revisedTerms?: TermsChange | undefined;
}): Promise<ApprovalCaseRecord> {
  const reason = text.trim();
  if (reason.length === 0)
    throw new AppError('VALIDATION_FAILED', 'A decision needs a written reason', { field: 'text' });
  const app = await deps.applications.find(applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND');
  const current = await deps.store.latestOf(applicationId);
  if (!current) throw new AppError('APPROVAL_CASE_NOT_FOUND');
  if (current.status !== 'pending' || app.status !== 'risk_control')
    throw new AppError('APPROVAL_NOT_PENDING', undefined, { status: current.status });
  const decisions = await deps.store.decisions(current.id);
  const facts = factsOf(decisions);
  const progress = approvalProgress({
    steps: current.steps,
    decisions: facts,
    termsVersion: current.termsVersion,
  });
  if (progress.state !== 'in_progress') throw new AppError('APPROVAL_NOT_PENDING');
  if (expectedStepIndex !== undefined && expectedStepIndex !== progress.stepIndex)
    throw new AppError('APPROVAL_STEP_CHANGED', undefined, { currentStep: progress.stepIndex });
  const check = checkDecider({
    steps: current.steps,
    decisions: facts,
    termsVersion: current.termsVersion,
    decider: actor,
    preparerId: current.submittedBy,
    interviewerId: current.interviewerId,
  });
  if (!check.canDecide) {
    if (check.reason === 'ROLE_NOT_ALLOWED')
      throw new AppError('APPROVAL_ROLE_NOT_ALLOWED', undefined, {
        step: progress.step.kind,
        roles: [...progress.step.roles],
      });
    if (check.reason === 'CASE_CLOSED') throw new AppError('APPROVAL_NOT_PENDING');
    throw new AppError('APPROVAL_FOUR_EYES', undefined, { rule: check.reason });
  }

  let terms = current.currentTerms;
  let termsVersion = current.termsVersion;
  let revised = null;
  if (revisedTerms !== undefined) {
    if (outcome !== 'approve' || !isTermsStep(progress.step))
      throw new AppError('APPROVAL_TERMS_INVALID', 'Only an approver approving may revise the terms', {
        field: 'revisedTerms',
      });
    const product = findProduct({ policy: deps.screeningPolicy, code: current.snapshot.productCode });
    if (!product)
      throw new AppError('APPROVAL_TERMS_INVALID', 'The product is no longer offered', { field: 'product' });
    revised = reviseTerms({
      current: terms,
      requestedAmount: current.requestedTerms.amount,
      change: revisedTerms,
      product,
      rateLimits: deps.riskPolicy,
    });
    terms = revised;
    termsVersion += 1;
  }

  if (outcome === 'approve') {
    const blockers = await deps.blockers.of({ applicationId, amount: terms.amount });
    if (blockers.length > 0)
      throw new AppError('APPROVAL_BLOCKED', blockers.map((b) => b.message).join('; '), {
        blockers: blockers.map((b) => ({ source: b.source, code: b.code, message: b.message, ...b.details })),
      });
  }

  const at = deps.clock();
  const decision: ApprovalDecisionRecord = {
    id: deps.newId(),
    caseId: current.id,
    seq: decisions.length + 1,
    stepIndex: progress.stepIndex,
    stepKind: progress.step.kind,
    outcome,
    reasonCode,
    text: reason,
    byAccountId: actor.accountId,
    byRole: actor.role,
    termsVersion,
    revisedTerms: revised,
    at,
    leafHash: '',
  };
  const after = approvalProgress({
    steps: current.steps,
    decisions: [...facts, ...factsOf([decision])],
    termsVersion,
  });
  const changes: ApprovalCaseChanges = { currentTerms: terms, termsVersion };
  if (after.state === 'rejected') Object.assign(changes, { status: 'rejected', completedAt: at });
  else if (after.state === 'returned') Object.assign(changes, { status: 'returned', completedAt: at });
  else if (after.state === 'complete') {
    if (isSameOffer(terms, current.requestedTerms))
      Object.assign(changes, { status: 'approved', completedAt: at });
    else {
      const disclosure = discloseOffer(terms);
      changes.status = 'awaiting_borrower';
      changes.pendingDisclosure = { disclosure, sha256: sha256Hex(canonicalJson({ ...disclosure })) };
    }
  }

  const evidence = await deps.evidence.prepare({
    type: 'approval',
    applicationId,
    actor,
    capture,
    at,
    record: {
      kind: 'approval.decision',
      caseId: current.id,
      applicationId,
      matrixVersion: current.matrixVersion,
      seq: decision.seq,
      step: { index: progress.stepIndex, kind: progress.step.kind },
      outcome,
      reasonCode,
      textSha256: sha256Hex(reason),
      termsVersion,
      terms: termsRecord(terms),
      revised: revised !== null,
      caseStatus: changes.status ?? 'pending',
      disclosureSha256: changes.pendingDisclosure?.sha256 ?? null,
      at: at.toISOString(),
    },
  });
  decision.leafHash = evidence.leafHash.toString('hex');
  const updated = await deps.store.update({
    caseId: current.id,
    expectedVersion: current.version,
    changes,
    decision,
    evidence: [evidence],
  });
  if (!updated) throw new AppError('APPROVAL_STEP_CHANGED');
  deps.evidence.sequence();
  await settleConcludedCase({ deps, record: updated, actor, capture });
  return updated;
}
