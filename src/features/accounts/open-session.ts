import { createHash, randomBytes } from 'node:crypto';
import type { AccountRecord } from './account-store.port';
import type { AccountsDeps } from './accounts-deps';
import type { SecondFactorProof } from './session-store.port';

/** A login has this long to give its second factor. */
export const PENDING_SECOND_FACTOR_MINUTES = 10;

export interface OpenedSession {
  /** The secret for the cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
  account: AccountRecord;
  isPendingSecondFactor: boolean;
  secondFactorAt: Date | null;
}

/** SHA-256 of a session token, the form in which the store keeps it. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Starts a new session (a fresh 256-bit token at every login, ASVS 7.2.4). */
export async function openSession({
  deps,
  account,
  userAgent,
  isPendingSecondFactor = false,
  secondFactorAt = null,
  secondFactorMethod = null,
}: {
  deps: Pick<AccountsDeps, 'sessions' | 'clock' | 'settings'>;
  account: AccountRecord;
  userAgent: string | null;
  /** A login waiting for its second factor: short-lived, and reaches only the second-factor routes. */
  isPendingSecondFactor?: boolean;
  /** Set when the session opens with a second factor just proved (it counts as a fresh step-up). */
  secondFactorAt?: Date | null;
  /** Which second factor that was. */
  secondFactorMethod?: SecondFactorProof | null;
}): Promise<OpenedSession> {
  const now = deps.clock();
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const idleExpiresAt = new Date(now.getTime() + deps.settings.sessionIdleMinutes * 60_000);
  const absoluteExpiresAt = new Date(
    now.getTime() +
      (isPendingSecondFactor
        ? PENDING_SECOND_FACTOR_MINUTES * 60_000
        : deps.settings.sessionAbsoluteHours * 3_600_000),
  );
  await deps.sessions.create({
    tokenHash: hashSessionToken(token),
    accountId: account.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt,
    absoluteExpiresAt,
    userAgent: userAgent?.slice(0, 256) ?? null,
    secondFactorAt,
    secondFactorMethod,
    isPendingSecondFactor,
  });
  return {
    token,
    csrfToken,
    expiresAt: idleExpiresAt < absoluteExpiresAt ? idleExpiresAt : absoluteExpiresAt,
    account,
    isPendingSecondFactor,
    secondFactorAt,
  };
}
