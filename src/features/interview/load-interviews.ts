import type { Actor } from '../../core/accounts/roles';
import { isBorrower } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { qcReportOf } from './conclude-interview';
import type { InterviewDeps } from './interview-deps';
import type { InterviewRecord } from './interview-store.port';
import { viewConsole, viewInterview, viewSlot } from './interview-views';

/** The interview, for one of its participants only (anyone else: not found, so ids cannot be probed). */
export async function interviewOfParticipant({
  deps,
  actor,
  interviewId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
}): Promise<InterviewRecord> {
  const i = await deps.store.find(interviewId);
  if (!i || !i.participants.some((p) => p.accountId === actor.accountId))
    throw new AppError('INTERVIEW_NOT_FOUND');
  return i;
}

/** My interviews; for a borrower also the applications waiting for one (identity_verified). */
export async function loadMyInterviews({ deps, actor }: { deps: InterviewDeps; actor: Actor }) {
  const now = deps.clock();
  const interviews = await deps.store.listForAccount(actor.accountId, 100);
  const schedulable = isBorrower(actor.role)
    ? (await deps.applications.listOfBorrower(actor.accountId))
        .filter((a) => a.status === 'identity_verified')
        .map((a) => ({ id: a.id, reference: a.reference, productCode: a.productCode }))
    : [];
  return { interviews: interviews.map((interview) => viewInterview({ interview, actor, now })), schedulable };
}

/** The open slots (not yet begun) the owning borrower may pick for the application. */
export async function loadOpenSlots({
  deps,
  actor,
  applicationId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  applicationId: string;
}) {
  const app = await deps.applications.find(applicationId);
  if (!app || app.borrowerAccountId !== actor.accountId) throw new AppError('APPLICATION_NOT_FOUND');
  const slots = await deps.store.listSlots({ status: 'open', from: deps.clock(), limit: 200 });
  return { items: slots.map(viewSlot) };
}

/** Staff's list: interviews upcoming or in progress, and those waiting for QC sign-off (or returned). */
export async function loadStaffInterviews({ deps, actor }: { deps: InterviewDeps; actor: Actor }) {
  const now = deps.clock();
  const items = await deps.store.listForStaff({ from: new Date(now.getTime() - 2 * 3_600_000), limit: 200 });
  return { items: items.map((interview) => viewInterview({ interview, actor, now })) };
}

/**
 * The console of an interview: for its interviewer at any time; for another loan or risk officer once
 * it is concluded (to review and sign the QC off). Otherwise not found.
 */
export async function loadInterviewConsole({
  deps,
  actor,
  interviewId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  interviewId: string;
}) {
  const interview = await deps.store.find(interviewId);
  if (!interview || (interview.officerId !== actor.accountId && interview.status !== 'concluded'))
    throw new AppError('INTERVIEW_NOT_FOUND');
  return viewConsole({ interview, actor, now: deps.clock(), report: await qcReportOf({ deps, interview }) });
}
