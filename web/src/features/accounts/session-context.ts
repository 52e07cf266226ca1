import { createContext, useContext } from 'react';
import type { LoginBody, RegisterBody, SessionView } from '../../../../src/contracts/accounts.schema';

export interface SessionState {
  /** Undefined while the session is being restored at start, null when logged out. */
  session: SessionView | null | undefined;
  login(body: LoginBody): Promise<SessionView>;
  register(body: RegisterBody): Promise<SessionView>;
  logout(): Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession outside SessionProvider');
  return state;
}
