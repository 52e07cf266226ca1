import { createHash } from 'node:crypto';
import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { buildInterviewScript, type DisclosureKey } from '../../core/interview/interview-script';
import { judgeJoin } from '../../core/interview/join-window';
import { offsetFrom, type ConfirmationMethod } from '../../core/interview/qc-report';
import { checkAnswer, drawQuestions, type QuestionKey } from '../../core/interview/verification-questions';
import { canonicalJson } from '../../core/ledger/evidence/canonical-json';
import { findProduct } from '../../core/screening/policy';
import type { InterviewDeps } from './interview-deps';
import type { InterviewChanges, InterviewRecord } from './interview-store.port';

/** Finds the interview for its interviewer: anyone else is told it does not exist or is not theirs. */
export async function interviewOfOfficer({
  deps,
  actor,
  interviewId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
}): Promise<InterviewRecord> {
  const interview = await deps.store.find(interviewId);
  if (!interview) throw new AppError('INTERVIEW_NOT_FOUND');
  if (interview.officerId !== actor.accountId) throw new AppError('INTERVIEW_NOT_INTERVIEWER');
  return interview;
}

/** Applies a change computed from the latest record, retrying on a concurrent write (3 attempts). */
export async function changeInterview(
  deps: InterviewDeps,
  interviewId: string,
  change: (i: InterviewRecord) => Promise<InterviewChanges | undefined> | InterviewChanges | undefined,
): Promise<InterviewRecord> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await deps.store.find(interviewId);
    if (!current) throw new AppError('INTERVIEW_NOT_FOUND');
    const changes = await change(current);
    if (!changes) return current;
    const updated = await deps.store.update({
      id: interviewId,
      expectedVersion: current.version,
      changes,
      evidence: [],
    });
    if (updated) return updated;
  }
  throw new AppError('INTERVIEW_CONFLICT');
}

const sha256 = (v: unknown) =>
  createHash('sha256')
    .update(canonicalJson(v as never))
    .digest('hex');

/**
 * Starts the interview (idempotent): fixes the script built from the application's terms (the nominal
 * rate decided, or the risk assessment's recommendation) and draws the verification questions with a
 * cryptographic source, in random order; the interview is in progress from then on (offsets count from
 * here). Called when the room's first participant connects, or by the officer's console.
 */
export async function startInterview({
  deps,
  interviewId,
  at,
}: {
  deps: InterviewDeps;
  interviewId: string;
  at?: Date;
}): Promise<InterviewRecord> {
  return changeInterview(deps, interviewId, async (i) => {
    if (i.status === 'in_progress' || i.status === 'concluded') return undefined;
    if (i.status !== 'scheduled') throw new AppError('INTERVIEW_NOT_LIVE');
    const app = await deps.applications.find(i.applicationId);
    if (!app) throw new AppError('APPLICATION_NOT_FOUND');
    const product = findProduct({ policy: deps.policy, code: app.productCode });
    const rate = await deps.rates.rateOf(i.applicationId);
    if (!product || !rate || !app.amount || !app.termMonths || !app.repaymentMethod)
      throw new AppError('INTERVIEW_TERMS_MISSING');
    const script = buildInterviewScript({
      productCode: product.code,
      productName: product.name,
      amount: app.amount,
      nominalAnnualRate: rate.nominalAnnualRate,
      termMonths: app.termMonths,
      repaymentMethod: app.repaymentMethod,
      rateSource: rate.source,
    });
    const keys = drawQuestions({ facts: app.facts, pick: deps.pick });
    return {
      status: 'in_progress',
      startedAt: at ?? deps.clock(),
      script,
      scriptSha256: sha256(script),
      questions: keys.map((key) => ({ key, answer: null, isMatch: null, at: null, offsetSeconds: null })),
    };
  });
}

/** The interviewer starts from the console, only while the room is open (15 minutes before the slot on). */
export async function startInterviewAsOfficer({
  deps,
  actor,
  interviewId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
}): Promise<InterviewRecord> {
  const i = await interviewOfOfficer({ deps, actor, interviewId });
  const at = deps.clock();
  const verdict = judgeJoin({
    status: i.status,
    participantIds: i.participants.map((p) => p.accountId),
    accountId: actor.accountId,
    startsAt: i.startsAt,
    endsAt: i.endsAt,
    at,
  });
  if (!verdict.ok && i.status !== 'concluded')
    throw new AppError('INTERVIEW_NOT_LIVE', 'The room is not open now', { reason: verdict.reason });
  return startInterview({ deps, interviewId, at });
}

const assertConducting = (i: InterviewRecord) => {
  if (i.status !== 'in_progress' || !i.script)
    throw new AppError('INTERVIEW_NOT_LIVE', 'Start the interview first');
};

/** The officer ticks a disclosure as confirmed by the borrower (by voice or a nod), at server time. */
export async function confirmDisclosure({
  deps,
  actor,
  interviewId,
  key,
  method,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
  key: DisclosureKey;
  method: ConfirmationMethod;
}): Promise<InterviewRecord> {
  await interviewOfOfficer({ deps, actor, interviewId });
  return changeInterview(deps, interviewId, (i) => {
    assertConducting(i);
    if (!i.script!.items.some((it) => it.key === key))
      throw new AppError('VALIDATION_FAILED', 'Not an item of this script');
    const at = deps.clock();
    return {
      confirmations: [
        ...i.confirmations.filter((c) => c.key !== key),
        { key, method, at, offsetSeconds: offsetFrom({ startedAt: i.startedAt, at }) },
      ],
    };
  });
}

/** The officer records the answer as heard; the server checks it against the application. */
export async function answerQuestion({
  deps,
  actor,
  interviewId,
  key,
  answer,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
  key: QuestionKey;
  answer: string;
}): Promise<InterviewRecord> {
  const found = await interviewOfOfficer({ deps, actor, interviewId });
  const app = await deps.applications.find(found.applicationId);
  if (!app) throw new AppError('APPLICATION_NOT_FOUND');
  return changeInterview(deps, interviewId, (i) => {
    assertConducting(i);
    if (!i.questions.some((q) => q.key === key))
      throw new AppError('VALIDATION_FAILED', 'Not a question of this interview');
    const at = deps.clock();
    const { isMatch } = checkAnswer({ key, answer, facts: app.facts });
    return {
      questions: i.questions.map((q) =>
        q.key === key
          ? { key, answer, isMatch, at, offsetSeconds: offsetFrom({ startedAt: i.startedAt, at }) }
          : q,
      ),
    };
  });
}

/** The officer flags that someone appears to be prompting the borrower (at any time in the interview). */
export async function flagPrompting({
  deps,
  actor,
  interviewId,
  note,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
  note: string;
}): Promise<InterviewRecord> {
  await interviewOfOfficer({ deps, actor, interviewId });
  return changeInterview(deps, interviewId, (i) => {
    if (i.status !== 'in_progress' && i.status !== 'scheduled') throw new AppError('INTERVIEW_NOT_LIVE');
    const at = deps.clock();
    return {
      prompting: [...i.prompting, { at, offsetSeconds: offsetFrom({ startedAt: i.startedAt, at }), note }],
    };
  });
}
