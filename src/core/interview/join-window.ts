/** How long before the slot's start the room opens (minutes). */
export const ROOM_OPENS_MINUTES_BEFORE = 15;
/** How long after the slot's end the room stays open (minutes). */
export const ROOM_CLOSES_MINUTES_AFTER = 60;
/** A reminder is sent this many minutes before the start (once). */
export const REMINDER_MINUTES_BEFORE = 30;
/** At most this many people in one interview room (officer, borrower, guarantors). */
export const MAX_PARTICIPANTS = 6;
/** Slot lengths an officer may offer (minutes). */
export const SLOT_MINUTES_MIN = 15;
export const SLOT_MINUTES_MAX = 120;

export type InterviewStatus = 'scheduled' | 'in_progress' | 'concluded' | 'cancelled';

/** When the room of a slot `[startsAt, endsAt)` may be entered. */
export function roomWindow({ startsAt, endsAt }: { startsAt: Date; endsAt: Date }): {
  opensAt: Date;
  closesAt: Date;
} {
  return {
    opensAt: new Date(startsAt.getTime() - ROOM_OPENS_MINUTES_BEFORE * 60_000),
    closesAt: new Date(endsAt.getTime() + ROOM_CLOSES_MINUTES_AFTER * 60_000),
  };
}

export type JoinRefusal = 'not_found' | 'not_open' | 'closed';

/**
 * Whether `accountId` may enter the interview's room at `at` (the join rules): only a participant
 * (anyone else gets `not_found`, as for an unknown id, so ids cannot be probed), only while the
 * interview is live (`closed` once concluded or cancelled), and only from 15 minutes before the start
 * until 60 minutes after the slot's end (`not_open`).
 */
export function judgeJoin({
  status,
  participantIds,
  accountId,
  startsAt,
  endsAt,
  at,
}: {
  status: InterviewStatus;
  participantIds: readonly string[];
  accountId: string;
  startsAt: Date;
  endsAt: Date;
  at: Date;
}): { ok: true } | { ok: false; reason: JoinRefusal } {
  if (!participantIds.includes(accountId)) return { ok: false, reason: 'not_found' };
  if (status === 'concluded' || status === 'cancelled') return { ok: false, reason: 'closed' };
  const { opensAt, closesAt } = roomWindow({ startsAt, endsAt });
  if (at.getTime() < opensAt.getTime() || at.getTime() > closesAt.getTime())
    return { ok: false, reason: 'not_open' };
  return { ok: true };
}

/** Whether a reminder is due at `now` for an interview starting at `startsAt` (within 30 minutes, not yet started). */
export function isReminderDue({ startsAt, now }: { startsAt: Date; now: Date }): boolean {
  const lead = startsAt.getTime() - now.getTime();
  return lead > 0 && lead <= REMINDER_MINUTES_BEFORE * 60_000;
}
