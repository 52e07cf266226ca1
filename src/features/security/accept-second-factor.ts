import { openSession, type OpenedSession } from '../accounts/open-session';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/** The kinds of second-factor proof a session can hold (as the accounts feature's `openSession` takes them). */
type SecondFactorProof = NonNullable<Parameters<typeof openSession>[0]['secondFactorMethod']>;

/**
 * A second factor was proved. A pending login becomes a full session under a new token (the old one
 * is deleted: a token seen before authentication never becomes an authenticated one); a full session
 * records the proof, which is its step-up for the next 5 minutes. Either way the failure count resets.
 */
export async function acceptSecondFactor({
  deps,
  auth,
  userAgent,
  method,
}: {
  deps: Pick<SecurityDeps, 'accounts' | 'sessions' | 'clock' | 'settings'>;
  auth: { session: SecuritySession; account: SecurityAccount };
  userAgent: string | null;
  /** Which factor was proved (kept on the session; a signature's intent record names it). */
  method: SecondFactorProof;
}): Promise<{ opened: OpenedSession | undefined }> {
  const now = deps.clock();
  await deps.accounts.recordSuccessfulLogin(auth.account.id);
  if (auth.session.isPendingSecondFactor) {
    await deps.sessions.delete(auth.session.tokenHash);
    const opened = await openSession({
      deps,
      account: auth.account,
      userAgent,
      secondFactorAt: now,
      secondFactorMethod: method,
    });
    return { opened };
  }
  await deps.sessions.markSecondFactor({ tokenHash: auth.session.tokenHash, at: now, method });
  auth.session.secondFactorAt = now;
  auth.session.secondFactorMethod = method;
  return { opened: undefined };
}
