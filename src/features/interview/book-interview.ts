import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { MAX_PARTICIPANTS } from '../../core/interview/join-window';
import type { Capture } from '../../core/ledger/evidence/capture';
import type { InterviewDeps } from './interview-deps';
import type { InterviewRecord, ParticipantRecord } from './interview-store.port';
import { formatChinaTime } from './interview-views';

/**
 * The borrower picks an offered slot for an application in identity_verified (预约面签): the slot is
 * taken by exactly one booking (a conditional update; a concurrent pick gets INTERVIEW_SLOT_TAKEN), the
 * interview is created with its participants (the officer who offered the slot, the borrower, the
 * accepted guarantors; at most 6) and anchored on the ledger, and the application moves to
 * interview_scheduled as the borrower. Picking the slot already booked answers the same interview.
 * An SMS confirms the booking to the borrower and guarantors.
 */
export async function bookInterview({
  deps,
  actor,
  capture,
  applicationId,
  slotId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  capture?: Capture | undefined;
  applicationId: string;
  slotId: string;
}): Promise<InterviewRecord> {
  const app = await deps.applications.find(applicationId);
  if (!app || app.borrowerAccountId !== actor.accountId) throw new AppError('APPLICATION_NOT_FOUND');
  const live = await deps.store.liveOf(applicationId);
  if (live) {
    if (live.slotId === slotId) return live;
    throw new AppError('INTERVIEW_ALREADY_SCHEDULED', undefined, { interviewId: live.id });
  }
  if (app.status !== 'identity_verified')
    throw new AppError('INTERVIEW_NOT_SCHEDULABLE', undefined, { status: app.status });
  const slot = await deps.store.findSlot(slotId);
  if (!slot || slot.status === 'cancelled') throw new AppError('INTERVIEW_SLOT_NOT_FOUND');
  if (slot.status === 'taken') throw new AppError('INTERVIEW_SLOT_TAKEN');
  const now = deps.clock();
  if (slot.startsAt.getTime() <= now.getTime())
    throw new AppError('INTERVIEW_SLOT_INVALID', 'The slot has begun');

  const guarantors = (await deps.guarantors.acceptedOf(applicationId)).filter(
    (g) => g.accountId !== actor.accountId && g.accountId !== slot.officerId,
  );
  const participants: ParticipantRecord[] = [
    {
      accountId: slot.officerId,
      role: 'officer',
      displayName: (await deps.accounts.displayNameOf(slot.officerId)) ?? '',
      location: null,
      locationAt: null,
    },
    {
      accountId: actor.accountId,
      role: 'borrower',
      displayName: app.borrowerName,
      location: null,
      locationAt: null,
    },
    ...guarantors.slice(0, MAX_PARTICIPANTS - 2).map((g): ParticipantRecord => ({
      accountId: g.accountId,
      role: 'guarantor',
      displayName: g.displayName,
      location: null,
      locationAt: null,
    })),
  ];
  const interview: InterviewRecord = {
    id: deps.newId(),
    slotId,
    applicationId,
    officerId: slot.officerId,
    borrowerAccountId: actor.accountId,
    startsAt: slot.startsAt,
    endsAt: new Date(slot.startsAt.getTime() + slot.durationMinutes * 60_000),
    status: 'scheduled',
    version: 1,
    createdAt: now,
    startedAt: null,
    cancelledAt: null,
    script: null,
    scriptSha256: null,
    confirmations: [],
    questions: [],
    prompting: [],
    conclusion: null,
    conclusionSha256: null,
    concludedBy: null,
    concludedAt: null,
    qcStatus: 'none',
    qcBy: null,
    qcAt: null,
    qcReason: null,
    qcReportSha256: null,
    reminderSentAt: null,
    participants,
  };
  const evidence = await deps.evidence.prepare({
    applicationId,
    actor,
    capture,
    at: now,
    record: {
      kind: 'interview.booked',
      interviewId: interview.id,
      slotId,
      startsAt: interview.startsAt.toISOString(),
      endsAt: interview.endsAt.toISOString(),
      participants: participants.map((p) => p.role),
      at: now.toISOString(),
    },
  });
  const booked = await deps.store.book({ interview, evidence: [evidence] });
  if (!booked.ok) {
    if (booked.reason === 'slot_taken') throw new AppError('INTERVIEW_SLOT_TAKEN');
    throw new AppError('INTERVIEW_ALREADY_SCHEDULED');
  }
  deps.evidence.sequence();
  const moved = await deps.applications.move({
    applicationId,
    to: 'interview_scheduled',
    as: 'borrower',
    actor,
    reason: 'interview booked',
    from: ['identity_verified'],
    capture,
    record: { interview: interview.id, startsAt: interview.startsAt.toISOString() },
  });
  if (!moved) {
    // The application moved on meanwhile (withdrawn …): give the slot back.
    await deps.store.update({
      id: interview.id,
      expectedVersion: booked.interview.version,
      changes: { status: 'cancelled', cancelledAt: now, cancelReason: 'application not schedulable' },
      slotStatus: 'open',
      evidence: [],
    });
    throw new AppError('INTERVIEW_NOT_SCHEDULABLE');
  }
  const when = formatChinaTime(interview.startsAt);
  const mobiles = [app.borrowerMobile, ...guarantors.map((g) => g.mobile)].filter((m): m is string => !!m);
  for (const mobile of mobiles)
    await deps.texts
      .send({
        mobile,
        text: `【面签预约】您的视频面签已预约在 ${when}（北京时间），请提前登录平台进入面签。`,
      })
      .catch(() => undefined); // a failed text does not undo the booking; the reminder tries again
  return booked.interview;
}
