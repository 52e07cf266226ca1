import type { Role } from '../../core/accounts/roles';

/** An account as the rest of the platform sees it (decrypted, no secrets). */
export interface AccountRecord {
  id: string;
  role: Role;
  displayName: string;
  mobileMasked: string;
  companyName: string | null;
  actingAs: 'legal_representative' | 'authorised_agent' | null;
  isDisabled: boolean;
  createdAt: Date;
}

export interface AccountCredentials {
  account: AccountRecord;
  passwordHash: string;
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export interface NewAccount {
  id: string;
  role: Role;
  mobile: string;
  displayName: string;
  passwordHash: string;
  companyName?: string;
  creditCode?: string;
  actingAs?: 'legal_representative' | 'authorised_agent';
}

/** Accounts, with personal data (mobile, name) encrypted by the adapter. */
export interface AccountStore {
  /** Creates the account; returns undefined when the mobile number is taken. */
  create(account: NewAccount): Promise<AccountRecord | undefined>;
  findCredentialsByMobile(mobile: string): Promise<AccountCredentials | undefined>;
  findById(id: string): Promise<AccountRecord | undefined>;
  /** The account's credentials and its mobile number in clear (for the password rules), by id. */
  findCredentialsById(id: string): Promise<(AccountCredentials & { mobile: string }) | undefined>;
  /** Replaces the password hash and clears failed logins; false when there is no such account. */
  setPasswordHash(input: { accountId: string; passwordHash: string }): Promise<boolean>;
  /** Counts a failed login; locks the account until `lockUntil` when the count reaches `threshold`. */
  recordFailedLogin(input: { accountId: string; threshold: number; lockUntil: Date }): Promise<void>;
  recordSuccessfulLogin(accountId: string): Promise<void>;
  list(): Promise<AccountRecord[]>;
  setDisabled(input: { accountId: string; isDisabled: boolean }): Promise<AccountRecord | undefined>;
}
