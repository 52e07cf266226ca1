import { createContext, useContext } from 'react';
import type { LoginBody, RegisterBody, SessionView } from '../../../../src/contracts/accounts.schema';

export interface SessionState {
  /** Undefined while the session is being restored at start, null when logged out. */
  session: SessionView | null | undefined;
  /** Logs in; when the answer says secondFactorRequired the session is not adopted until `adopt` gets the completed one. */
  login(body: LoginBody): Promise<SessionView>;
  /**
   * Takes over a session completed elsewhere (the login's second step), or null when the server has
   * already ended it (closing the account): logged out here without asking the server again.
   */
  adopt(session: SessionView | null): void;
  register(body: RegisterBody): Promise<SessionView>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
