import { judgeJoin, roomWindow } from '../../core/interview/join-window';
import type { InterviewDeps } from './interview-deps';
import type { InterviewRoomAccess, RoomAdmission } from './room-access.port';

/**
 * The join rules (the media side's `InterviewRoomAccess.admit`): only the interview's participants,
 * only logged in (the caller passes the authenticated account), only from 15 minutes before the slot
 * until 60 minutes after its end, never after the interview concluded.
 */
export async function admitToRoom({
  deps,
  interviewId,
  accountId,
  at,
}: {
  deps: InterviewDeps;
  interviewId: string;
  accountId: string;
  at: Date;
}): ReturnType<InterviewRoomAccess['admit']> {
  const i = await deps.store.find(interviewId);
  if (!i) return { ok: false, reason: 'not_found' };
  const verdict = judgeJoin({
    status: i.status,
    participantIds: i.participants.map((p) => p.accountId),
    accountId,
    startsAt: i.startsAt,
    endsAt: i.endsAt,
    at,
  });
  if (!verdict.ok) return verdict;
  const participants = i.participants.map((p) => ({
    accountId: p.accountId,
    role: p.role,
    displayName: p.displayName,
    location: p.location && p.locationAt ? { ...p.location, at: p.locationAt } : null,
  }));
  const admission: RoomAdmission = {
    interviewId: i.id,
    applicationId: i.applicationId,
    participant: participants.find((p) => p.accountId === accountId)!,
    participants,
    ...roomWindow(i),
  };
  return { ok: true, admission };
}
