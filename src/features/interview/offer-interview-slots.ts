import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { SLOT_MINUTES_MAX, SLOT_MINUTES_MIN } from '../../core/interview/join-window';
import type { InterviewDeps } from './interview-deps';
import type { SlotRecord } from './interview-store.port';

/** Most slots offered in one go. */
export const MAX_SLOTS_PER_OFFER = 24;

/**
 * A loan officer offers `count` back-to-back slots of `durationMinutes` from `startsAt` (放号). Slots
 * must start in the future; offering a start the officer already offers is refused as a whole.
 */
export async function offerInterviewSlots({
  deps,
  actor,
  startsAt,
  durationMinutes,
  count = 1,
}: {
  deps: InterviewDeps;
  actor: Actor;
  startsAt: string;
  durationMinutes: number;
  count?: number;
}): Promise<SlotRecord[]> {
  if (actor.role !== 'loan_officer') throw new AppError('FORBIDDEN');
  const first = new Date(startsAt);
  const now = deps.clock();
  if (Number.isNaN(first.getTime()) || first.getTime() <= now.getTime())
    throw new AppError('INTERVIEW_SLOT_INVALID', 'Slots must start in the future');
  if (
    durationMinutes < SLOT_MINUTES_MIN ||
    durationMinutes > SLOT_MINUTES_MAX ||
    !Number.isInteger(durationMinutes)
  )
    throw new AppError(
      'INTERVIEW_SLOT_INVALID',
      `Slots last ${SLOT_MINUTES_MIN}–${SLOT_MINUTES_MAX} minutes`,
    );
  if (count < 1 || count > MAX_SLOTS_PER_OFFER)
    throw new AppError('INTERVIEW_SLOT_INVALID', 'Too many slots at once');
  const slots: SlotRecord[] = Array.from({ length: count }, (_, i) => ({
    id: deps.newId(),
    officerId: actor.accountId,
    startsAt: new Date(first.getTime() + i * durationMinutes * 60_000),
    durationMinutes,
    status: 'open',
    createdAt: now,
  }));
  const added = await deps.store.addSlots(slots);
  if (!added) throw new AppError('INTERVIEW_SLOT_CONFLICT');
  return added;
}

/** The officer withdraws an open slot of their own; a taken slot is cancelled by cancelling its interview. */
export async function cancelInterviewSlot({
  deps,
  actor,
  slotId,
}: {
  deps: InterviewDeps;
  actor: Actor;
  slotId: string;
}): Promise<void> {
  const slot = await deps.store.findSlot(slotId);
  if (!slot || slot.officerId !== actor.accountId) throw new AppError('INTERVIEW_SLOT_NOT_FOUND');
  if (slot.status === 'cancelled') return;
  if (slot.status === 'taken' || !(await deps.store.cancelSlot({ id: slotId })))
    throw new AppError('INTERVIEW_SLOT_TAKEN', 'The slot is booked: cancel its interview instead');
}
