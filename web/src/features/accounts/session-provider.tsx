import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginBody, RegisterBody, SessionView } from '../../../../src/contracts/accounts.schema';
import { ApiError, onUnauthenticated, setCsrfToken } from '../../api/client';
import * as accountsApi from './accounts-api';
import { SessionContext, type SessionState } from './session-context';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionView | null | undefined>(undefined);

  const adopt = useCallback((next: SessionView | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    onUnauthenticated(() => adopt(null));
    accountsApi.fetchSession().then(adopt, (e: unknown) => {
      // 401 means logged out; anything else (server down) also leaves us at the login page.
      if (!(e instanceof ApiError && e.status === 401)) console.error('Could not restore the session', e);
      adopt(null);
    });
    return () => onUnauthenticated(null);
  }, [adopt]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      async login(body: LoginBody) {
        const next = await accountsApi.login(body);
        // A login waiting for its second factor: only its CSRF token is needed, for the second step.
        if (next.secondFactorRequired) setCsrfToken(next.csrfToken);
        else adopt(next);
        return next;
      },
      adopt,
      async register(body: RegisterBody) {
        const next = await accountsApi.register(body);
        adopt(next);
        return next;
      },
      async logout() {
        try {
          await accountsApi.logout();
        } catch {
          // The server may have ended the session already; here it ends either way.
        }
        adopt(null);
      },
    }),
    [session, adopt],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
