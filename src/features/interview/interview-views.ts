import type { Actor } from '../../core/accounts/roles';
import { judgeJoin, roomWindow } from '../../core/interview/join-window';
import type { QcReport } from '../../core/interview/qc-report';
import { questionOf } from '../../core/interview/verification-questions';
import type { InterviewRecord, SlotRecord } from './interview-store.port';

/** "2026-12-01 10:00" in China time (UTC+8), for texts. */
export function formatChinaTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export const viewSlot = (s: SlotRecord) => ({
  id: s.id,
  startsAt: s.startsAt.toISOString(),
  durationMinutes: s.durationMinutes,
  status: s.status,
});

/** An interview as its participants (and staff) see it: time, participants, whether the caller may join now. */
export function viewInterview({
  interview: i,
  actor,
  now,
}: {
  interview: InterviewRecord;
  actor: Actor;
  now: Date;
}) {
  const { opensAt, closesAt } = roomWindow(i);
  const me = i.participants.find((p) => p.accountId === actor.accountId);
  const join = judgeJoin({
    status: i.status,
    participantIds: i.participants.map((p) => p.accountId),
    accountId: actor.accountId,
    startsAt: i.startsAt,
    endsAt: i.endsAt,
    at: now,
  });
  return {
    id: i.id,
    applicationId: i.applicationId,
    status: i.status,
    startsAt: i.startsAt.toISOString(),
    endsAt: i.endsAt.toISOString(),
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    myRole: me?.role ?? null,
    canJoinNow: join.ok,
    participants: i.participants.map((p) => ({
      accountId: p.accountId,
      role: p.role,
      displayName: p.displayName,
    })),
    outcome: i.conclusion?.outcome ?? null,
    qcStatus: i.qcStatus,
  };
}

/** The officer's console: the script with what is confirmed, the questions with the checks, the form, QC. */
export function viewConsole({
  interview: i,
  actor,
  now,
  report,
}: {
  interview: InterviewRecord;
  actor: Actor;
  now: Date;
  report: QcReport;
}) {
  return {
    ...viewInterview({ interview: i, actor, now }),
    startedAt: i.startedAt?.toISOString() ?? null,
    isInterviewer: i.officerId === actor.accountId,
    canSignOffQc: i.officerId !== actor.accountId && i.status === 'concluded' && i.qcStatus === 'waiting',
    script: i.script && {
      version: i.script.version,
      terms: i.script.terms,
      items: i.script.items.map((item) => {
        const c = i.confirmations.find((x) => x.key === item.key);
        return {
          ...item,
          confirmation: item.confirmation,
          confirmed: c ? { method: c.method, at: c.at.toISOString(), offsetSeconds: c.offsetSeconds } : null,
        };
      }),
    },
    questions: i.questions.map((q) => ({
      key: q.key,
      text: questionOf(q.key).text,
      answer: q.answer,
      isMatch: q.isMatch,
      offsetSeconds: q.offsetSeconds,
    })),
    prompting: i.prompting.map((p) => ({
      at: p.at.toISOString(),
      offsetSeconds: p.offsetSeconds,
      note: p.note,
    })),
    conclusion: i.conclusion,
    qc: {
      status: i.qcStatus,
      byAccountId: i.qcBy,
      at: i.qcAt?.toISOString() ?? null,
      reason: i.qcReason,
      report: {
        ...report,
        recording: report.recording,
      },
    },
  };
}
