import type { SecondFactorMethod } from '../../contracts/security.schema';

export interface TotpRecord {
  /** The shared secret (decrypted by the adapter; encrypted at rest). */
  secret: Buffer;
  isEnabled: boolean;
  /** The last TOTP time step accepted: a code of this step or an earlier one is never accepted again. */
  lastUsedStep: number | null;
}

export interface PasskeyRecord {
  id: string;
  accountId: string;
  /** base64url credential id, as WebAuthn names it. */
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  name: string;
  isBackedUp: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type ChallengePurpose = 'registration' | 'authentication';

/**
 * Second factors, shared by every API node: TOTP secrets encrypted at rest, recovery codes as keyed
 * hashes (the adapter hashes; plaintext codes never reach the database), passkeys, and WebAuthn
 * challenges with expiry and single use.
 */
export interface SecondFactorStore {
  /** The account's usable second factors; empty when it has none. */
  methodsOf(accountId: string): Promise<SecondFactorMethod[]>;
  findTotp(accountId: string): Promise<TotpRecord | undefined>;
  /** Stores a new, not yet enabled secret (replacing an unconfirmed one); false when TOTP is already enabled. */
  startTotpEnrolment(input: { accountId: string; secret: Buffer }): Promise<boolean>;
  /** Enables the enrolment and records `step` as used; false when there is none or it is already enabled. */
  enableTotp(input: { accountId: string; step: number; at: Date }): Promise<boolean>;
  /** Records `step` as used if it is later than the last used one (atomically); false = replay. */
  useTotpStep(input: { accountId: string; step: number }): Promise<boolean>;
  deleteTotp(accountId: string): Promise<void>;

  /** Replaces all the account's recovery codes. */
  replaceRecoveryCodes(input: { accountId: string; codes: readonly string[] }): Promise<void>;
  /** Consumes a recovery code (normalised form); false when it is not one of the account's unused codes. */
  useRecoveryCode(input: { accountId: string; code: string }): Promise<boolean>;
  countRecoveryCodes(accountId: string): Promise<number>;
  deleteRecoveryCodes(accountId: string): Promise<void>;

  listPasskeys(accountId: string): Promise<PasskeyRecord[]>;
  /** False when the credential is registered already (to any account). */
  addPasskey(passkey: Omit<PasskeyRecord, 'lastUsedAt'>): Promise<boolean>;
  recordPasskeyUse(input: { id: string; counter: number; at: Date }): Promise<void>;
  renamePasskey(input: { accountId: string; id: string; name: string }): Promise<PasskeyRecord | undefined>;
  deletePasskey(input: { accountId: string; id: string }): Promise<boolean>;

  /** Issues a challenge to a session for one purpose (replacing an earlier one). */
  saveChallenge(input: {
    sessionHash: string;
    purpose: ChallengePurpose;
    accountId: string;
    challenge: string;
    expiresAt: Date;
  }): Promise<void>;
  /** Takes the session's challenge for the purpose (deleting it: single use), if it has not expired. */
  takeChallenge(input: {
    sessionHash: string;
    purpose: ChallengePurpose;
    now: Date;
  }): Promise<string | undefined>;

  /** Until when the account is locked after repeated failures (password or second factor). */
  lockedUntil(accountId: string): Promise<Date | null>;
}
