/**
 * What closing an account (注销账户) needs of storage: the matters that keep it open, and the erasure
 * of the account's own personal data. The adapter works on the rows in place.
 */
export interface AccountClosure {
  /**
   * What the account still has going: its applications that are not closed (rejected, withdrawn or
   * expired) — open ones and loans that went ahead — by reference, and the open applications it
   * guarantees (an accepted guarantee), by reference.
   */
  openMatters(accountId: string): Promise<{ applications: string[]; guarantees: string[] }>;
  /**
   * In one transaction: marks the account closed and disabled; empties its mobile (the lookup hash
   * becomes unique per row, so the number may register again), display name and password; deletes its
   * second factors (TOTP, recovery codes, passkeys, challenges), its e-mail preference and its face-check
   * images; empties the names, ID numbers and mobiles of its identity verifications and phone codes.
   * Consents and their withdrawals stay (proof of consent), and so do the ledger's leaves. False when
   * the account is already closed.
   */
  erase(input: { accountId: string; at: Date }): Promise<boolean>;
}
