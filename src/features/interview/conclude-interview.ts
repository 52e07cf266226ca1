import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { buildQcReport, type QcReport } from '../../core/interview/qc-report';
import { canonicalJson } from '../../core/ledger/evidence/canonical-json';
import type { Capture } from '../../core/ledger/evidence/capture';
import { interviewOfOfficer } from './conduct-interview';
import type { InterviewDeps } from './interview-deps';
import type { InterviewConclusion, InterviewRecord } from './interview-store.port';

/**
 * Canonical JSON holds safe integers only, but a QC report has fractions (face presence as a share,
 * the recording's duration in tenths of a second): each non-integer number is hashed as its shortest
 * round-trip decimal string (JavaScript's Number#toString), which is deterministic.
 */
const hashable = (v: unknown): unknown =>
  typeof v === 'number' && !Number.isSafeInteger(v)
    ? String(v)
    : Array.isArray(v)
      ? v.map(hashable)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hashable(x)]))
        : v;

const sha256 = (v: unknown) =>
  createHash('sha256')
    .update(canonicalJson(hashable(v) as never))
    .digest('hex');

/** The QC report (质检报告) of an interview, from its record and what the media side observed. */
export async function qcReportOf({
  deps,
  interview,
}: {
  deps: InterviewDeps;
  interview: InterviewRecord;
}): Promise<QcReport> {
  const [faceSamples, recording] = await Promise.all([
    deps.observations.faceSamples(interview.id),
    deps.observations.recording(interview.id),
  ]);
  return buildQcReport({
    scriptVersion: interview.script?.version ?? '',
    scriptKeys: interview.script?.items.map((i) => i.key) ?? [],
    confirmations: interview.confirmations,
    questions: interview.questions,
    prompting: interview.prompting,
    faceSamples,
    recording,
  });
}

const coverageRecord = (r: QcReport) => ({
  confirmed: r.coverage.confirmed,
  total: r.coverage.total,
  items: r.coverage.items.map((i) => ({ key: i.key, method: i.method, offsetSeconds: i.offsetSeconds })),
  questionsAsked: r.questions.asked,
  questionsMatched: r.questions.matched,
  prompting: r.prompting.count,
});

/**
 * The interviewer concludes (面签结论): the form — identity confirmed, willingness confirmed, no
 * prompting observed, findings for risk control, pass or fail with reasons. A pass needs every
 * disclosure confirmed, every drawn question answered and the three confirmations; it moves the
 * application to interviewed and waits for QC sign-off. A fail rejects the application with the
 * reasons. The form's hash and the script coverage go on the ledger with the move. Concluding again
 * with the same form is answered as done (and finishes a move a crash left undone); after QC returned
 * it, the interviewer may conclude again with an amended form.
 */
export async function concludeInterview({
  deps,
  actor,
  capture,
  interviewId,
  form,
}: {
  deps: InterviewDeps;
  actor: Actor;
  capture?: Capture | undefined;
  interviewId: string;
  form: InterviewConclusion;
}): Promise<InterviewRecord> {
  const interview = await interviewOfOfficer({ deps, actor, interviewId });
  const conclusionSha256 = sha256(form);
  const report = await qcReportOf({ deps, interview });
  const isRetry = interview.status === 'concluded' && interview.conclusionSha256 === conclusionSha256;
  const isAmend = interview.status === 'concluded' && interview.qcStatus === 'returned';
  if (!isRetry && !isAmend && interview.status !== 'in_progress')
    throw new AppError('INTERVIEW_NOT_LIVE', 'Only an interview in progress can be concluded');
  if (form.outcome === 'pass') {
    const missing = [
      ...report.coverage.items.filter((i) => !i.isConfirmed).map((i) => `disclosure:${i.key}`),
      ...interview.questions.filter((q) => q.answer === null).map((q) => `question:${q.key}`),
      ...(form.isIdentityConfirmed ? [] : ['identity']),
      ...(form.isWillingnessConfirmed ? [] : ['willingness']),
      ...(form.isPromptingAbsent ? [] : ['prompting']),
    ];
    if (missing.length > 0) throw new AppError('INTERVIEW_SCRIPT_INCOMPLETE', undefined, { missing });
  } else if (form.reasons.length === 0)
    throw new AppError('VALIDATION_FAILED', 'A failed interview needs reasons');

  const now = deps.clock();
  let current = interview;
  if (!isRetry) {
    const evidence = await deps.evidence.prepare({
      applicationId: interview.applicationId,
      actor,
      capture,
      at: now,
      record: {
        kind: 'interview.concluded',
        interviewId,
        outcome: form.outcome,
        conclusionSha256,
        scriptVersion: interview.script?.version ?? null,
        scriptSha256: interview.scriptSha256,
        coverage: coverageRecord(report),
        at: now.toISOString(),
      },
    });
    const updated = await deps.store.update({
      id: interviewId,
      expectedVersion: interview.version,
      changes: {
        status: 'concluded',
        conclusion: form,
        conclusionSha256,
        concludedBy: actor.accountId,
        concludedAt: now,
        qcStatus: form.outcome === 'pass' ? 'waiting' : 'none',
        ...(isAmend ? { qcBy: null, qcAt: null, qcReason: null } : {}),
      },
      evidence: [evidence],
    });
    if (!updated) throw new AppError('INTERVIEW_CONFLICT');
    deps.evidence.sequence();
    current = updated;
  }
  await deps.applications.move({
    applicationId: interview.applicationId,
    to: form.outcome === 'pass' ? 'interviewed' : 'rejected',
    as: 'staff',
    actor,
    reason:
      form.outcome === 'pass'
        ? 'video interview passed'
        : `video interview failed: ${form.reasons.join('; ')}`,
    from: form.outcome === 'pass' ? ['interview_scheduled'] : ['interview_scheduled', 'interviewed'],
    capture,
    record: {
      interview: interviewId,
      outcome: form.outcome,
      conclusionSha256,
      scriptSha256: interview.scriptSha256,
      coverage: coverageRecord(report),
    },
  });
  if (form.outcome === 'pass' && form.isIdentityConfirmed) {
    const application = await deps.applications.find(interview.applicationId);
    if (application)
      await deps.identities.confirmByOfficerVideo({
        accountId: application.borrowerAccountId,
        interviewId,
        actor,
        capture,
      });
  }
  return current;
}

/**
 * A second staff member (loan or risk officer, not the interviewer: four-eyes) signs the QC report off
 * (质检复核), which moves the application to risk_control — or returns it to the interviewer with
 * reasons. Step-up is required at the route. The report's hash goes on the ledger with the decision.
 */
export async function signOffQc({
  deps,
  actor,
  capture,
  interviewId,
  decision,
  reason,
}: {
  deps: InterviewDeps;
  actor: Actor;
  capture?: Capture | undefined;
  interviewId: string;
  decision: 'sign_off' | 'return';
  reason: string;
}): Promise<InterviewRecord> {
  if (actor.role !== 'loan_officer' && actor.role !== 'risk_officer') throw new AppError('FORBIDDEN');
  const interview = await deps.store.find(interviewId);
  if (!interview) throw new AppError('INTERVIEW_NOT_FOUND');
  if (interview.officerId === actor.accountId || interview.concludedBy === actor.accountId)
    throw new AppError('INTERVIEW_QC_FOUR_EYES');
  const isRetry =
    decision === 'sign_off' && interview.qcStatus === 'signed_off' && interview.qcBy === actor.accountId;
  if (!isRetry && (interview.status !== 'concluded' || interview.qcStatus !== 'waiting'))
    throw new AppError('INTERVIEW_QC_NOT_WAITING', undefined, { qcStatus: interview.qcStatus });
  const report = await qcReportOf({ deps, interview });
  const reportSha256 = sha256(report);
  let current = interview;
  if (!isRetry) {
    const now = deps.clock();
    const evidence = await deps.evidence.prepare({
      applicationId: interview.applicationId,
      actor,
      capture,
      at: now,
      record: {
        kind: decision === 'sign_off' ? 'interview.qc_signed_off' : 'interview.qc_returned',
        interviewId,
        qcReportSha256: reportSha256,
        conclusionSha256: interview.conclusionSha256,
        missing: [...report.missing],
        alerts: report.alerts.length,
        reasonSha256: createHash('sha256').update(reason).digest('hex'),
        at: now.toISOString(),
      },
    });
    const updated = await deps.store.update({
      id: interviewId,
      expectedVersion: interview.version,
      changes: {
        qcStatus: decision === 'sign_off' ? 'signed_off' : 'returned',
        qcBy: actor.accountId,
        qcAt: now,
        qcReason: reason,
        qcReportSha256: reportSha256,
      },
      evidence: [evidence],
    });
    if (!updated) throw new AppError('INTERVIEW_CONFLICT');
    deps.evidence.sequence();
    current = updated;
  }
  if (decision === 'sign_off')
    await deps.applications.move({
      applicationId: interview.applicationId,
      to: 'risk_control',
      as: 'staff',
      actor,
      reason: 'interview QC signed off',
      from: ['interviewed'],
      capture,
      record: { interview: interviewId, qcReportSha256: current.qcReportSha256 ?? reportSha256 },
    });
  return current;
}
