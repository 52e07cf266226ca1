import type { AccountRecord } from './account-store.port';

/** The kinds of second-factor proof a session can hold. */
export type SecondFactorProof = 'totp' | 'passkey' | 'recovery_code';

export interface SessionRecord {
  tokenHash: string;
  accountId: string;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** When this session last proved a second factor (TOTP, recovery code, passkey); null if never. */
  secondFactorAt: Date | null;
  /** Which second factor that was (recorded with a signature's intent); null if never. */
  secondFactorMethod: SecondFactorProof | null;
  /** The password was right but the second factor is still to come: only second-factor routes and logout answer. */
  isPendingSecondFactor: boolean;
}

/** A session as its owner sees it in "sessions and devices". */
export type ListedSession = SessionRecord & { userAgent: string | null };

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
  /** Records a second-factor proof on the session (step-up); no-op if the session is gone. */
  markSecondFactor(input: { tokenHash: string; at: Date; method: SecondFactorProof }): Promise<void>;
  /** The account's sessions that have not expired at `now`, newest first. */
  listForAccount(input: { accountId: string; now: Date }): Promise<ListedSession[]>;
  delete(tokenHash: string): Promise<void>;
  deleteAllForAccount(accountId: string): Promise<void>;
}
