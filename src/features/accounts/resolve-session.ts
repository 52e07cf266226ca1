import type { AccountRecord } from './account-store.port';
import type { AccountsDeps } from './accounts-deps';
import { hashSessionToken, type OpenedSession } from './open-session';
import type { SessionRecord } from './session-store.port';

/** Refresh the idle expiry at most once a minute, not on every request. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * The session behind a cookie token, or undefined when it is unknown, expired (idle or absolute
 * timeout) or its account is disabled. Slides the idle timeout forward.
 */
export async function resolveSession({
  deps,
  token,
}: {
  deps: Pick<AccountsDeps, 'sessions' | 'clock' | 'settings'>;
  token: string;
}): Promise<{ session: SessionRecord; account: AccountRecord } | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const now = deps.clock();
  const tokenHash = hashSessionToken(token);
  const found = await deps.sessions.findActive({ tokenHash, now });
  if (!found) return undefined;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    const idle = new Date(now.getTime() + deps.settings.sessionIdleMinutes * 60_000);
    const idleExpiresAt = idle < found.session.absoluteExpiresAt ? idle : found.session.absoluteExpiresAt;
    await deps.sessions.touch({ tokenHash, lastSeenAt: now, idleExpiresAt });
    found.session.idleExpiresAt = idleExpiresAt;
  }
  return found;
}

/** The session's expiry as the client sees it. */
export function sessionExpiry(session: SessionRecord): Date {
  return session.idleExpiresAt < session.absoluteExpiresAt
    ? session.idleExpiresAt
    : session.absoluteExpiresAt;
}

export type { OpenedSession };
