import type { SecurityDeps } from './security-deps';
import type { SecuritySession } from './security-session.port';

/** Ends all the caller's sessions except this one ("log out everywhere else"); returns how many ended. */
export async function revokeOtherSessions({
  deps,
  current,
}: {
  deps: Pick<SecurityDeps, 'sessions' | 'clock'>;
  current: SecuritySession;
}): Promise<number> {
  const sessions = await deps.sessions.listForAccount({ accountId: current.accountId, now: deps.clock() });
  const others = sessions.filter((s) => s.tokenHash !== current.tokenHash);
  for (const s of others) await deps.sessions.delete(s.tokenHash);
  return others.length;
}
