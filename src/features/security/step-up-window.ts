import type { SecuritySession } from './security-session.port';

/** A second factor proved this recently covers signing, approving, disbursing and the like. */
export const STEP_UP_WINDOW_MS = 5 * 60_000;

/** Until when the session's last second-factor proof covers sensitive actions, or null. */
export function stepUpUntil({ session, now }: { session: SecuritySession; now: Date }): Date | null {
  if (!session.secondFactorAt || session.isPendingSecondFactor) return null;
  const until = new Date(session.secondFactorAt.getTime() + STEP_UP_WINDOW_MS);
  return until > now ? until : null;
}
