import { AppError } from '../../core/errors';
import type { SecurityDeps } from './security-deps';
import { sessionPublicId } from './session-public-id';
import type { SecuritySession } from './security-session.port';

/** Ends one of the caller's own sessions (a lost phone); another account's session is "not found". */
export async function revokeSession({
  deps,
  current,
  sessionId,
}: {
  deps: Pick<SecurityDeps, 'sessions' | 'clock'>;
  current: SecuritySession;
  sessionId: string;
}): Promise<void> {
  const sessions = await deps.sessions.listForAccount({ accountId: current.accountId, now: deps.clock() });
  const target = sessions.find((s) => sessionPublicId(s.tokenHash) === sessionId);
  if (!target) throw new AppError('SESSION_NOT_FOUND');
  await deps.sessions.delete(target.tokenHash);
}
