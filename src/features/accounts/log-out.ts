import type { AccountsDeps } from './accounts-deps';
import { hashSessionToken } from './open-session';

/** Ends the session on the server: the token is useless afterwards (ASVS 7.4.1). */
export async function logOut({
  deps,
  token,
}: {
  deps: Pick<AccountsDeps, 'sessions'>;
  token: string;
}): Promise<void> {
  await deps.sessions.delete(hashSessionToken(token));
}
