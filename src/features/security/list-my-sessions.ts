import type { DeviceSessionView } from '../../contracts/security.schema';
import type { SecurityDeps } from './security-deps';
import { sessionPublicId } from './session-public-id';
import type { SecuritySession } from './security-session.port';

/** The caller's live sessions (sessions and devices), newest first, the current one marked. */
export async function listMySessions({
  deps,
  current,
}: {
  deps: Pick<SecurityDeps, 'sessions' | 'clock'>;
  current: SecuritySession;
}): Promise<DeviceSessionView[]> {
  const sessions = await deps.sessions.listForAccount({ accountId: current.accountId, now: deps.clock() });
  return sessions.map((s) => ({
    id: sessionPublicId(s.tokenHash),
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    userAgent: s.userAgent,
    isCurrent: s.tokenHash === current.tokenHash,
    isPendingSecondFactor: s.isPendingSecondFactor,
  }));
}
