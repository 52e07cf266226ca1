/** A second factor an account can prove at login or for a step-up. */
export type SecondFactorMethod = 'totp' | 'recovery_code' | 'passkey';

/** What the accounts feature needs to know of second factors: which ones an account has. */
export interface SecondFactorDirectory {
  /** The account's usable second factors; empty when it has none (the login needs only the password). */
  methodsOf(accountId: string): Promise<SecondFactorMethod[]>;
}
