import type { AccountRecord } from './account-store.port';

export interface SessionRecord {
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

/**
 * Server-side sessions, shared by every API node: in the database by default, in Redis when
 * configured. Only the SHA-256 of the token is stored, so a copy of the store cannot log anyone in.
 */
export interface SessionStore {
  create(session: SessionRecord & { userAgent: string | null }): Promise<void>;
  /** The session and its account, if the session exists, has not expired at `now`, and the account is enabled. */
  findActive(input: {
    tokenHash: string;
    now: Date;
  }): Promise<{ session: SessionRecord; account: AccountRecord } | undefined>;
  touch(input: { tokenHash: string; lastSeenAt: Date; idleExpiresAt: Date }): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  deleteAllForAccount(accountId: string): Promise<void>;
}
