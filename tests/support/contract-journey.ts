import { expect } from 'vitest';
import { SIGNING_INTENT_VERSION } from '../../src/contracts/loan-contracts.schema';
import { base32Decode, totpCode } from '../../src/core/identity/totp';
import { contractJourneyAccounts } from '../../src/cli/seed-contract-journey';
import { demoAccounts } from '../../src/cli/seed-demo';
import { TestClient, type TestPlatform } from './test-platform';

/** A demo account of the role (seedDemo's). */
export const demo = (role: string) => demoAccounts.find((a) => a.role === role)!;
/** The repayment account a contract is prepared with. */
export const repaymentAccount = {
  bankName: '面签示范银行上海徐汇支行',
  accountNumber: '6222021001123456789',
};

/**
 * The steps of the contract journey through the API, shared by the contract and disbursement tests:
 * logging in (with a second factor once TOTP is on), enrolling TOTP (a fresh second factor for
 * step-up), reading every page, signing, and the whole way from an approved application to a signed
 * and sealed contract (`signLoanContract`).
 */
export function contractJourney(platform: () => TestPlatform) {
  /** Recovery codes of the accounts that enrolled TOTP here, by account id (to log in again later). */
  const recovery = new Map<string, string[]>();

  async function logIn(mobile: string, password: string): Promise<TestClient> {
    const c = new TestClient(platform().app);
    expect((await c.login(mobile, password)).status).toBe(200);
    return c;
  }
  /** Logs in to an account with TOTP on, proving the second factor with one of its recovery codes. */
  async function logInWithSecondFactor(mobile: string, password: string): Promise<TestClient> {
    const c = new TestClient(platform().app);
    const login = await c.login(mobile, password);
    expect(login.body.secondFactorRequired).toBe(true);
    const proved = await c.call('POST', '/api/security/step-up/recovery-code', {
      code: recovery.get(login.body.account.id)!.shift(),
    });
    expect(proved.status).toBe(200);
    c.csrf = proved.body.csrfToken;
    return c;
  }
  /** Logs in with a fresh second factor: enrols TOTP the first time, a recovery code afterwards. */
  async function logInSteppedUp(mobile: string, password: string): Promise<TestClient> {
    const c = new TestClient(platform().app);
    const login = await c.login(mobile, password);
    expect(login.status).toBe(200);
    if (login.body.secondFactorRequired) return logInWithSecondFactor(mobile, password);
    await enrolTotp(c);
    return c;
  }
  /** Enrols TOTP, which also counts as a fresh second factor for step-up. */
  async function enrolTotp(c: TestClient): Promise<void> {
    const enrolment = await c.call('POST', '/api/security/totp/enrolment');
    expect(enrolment.status).toBe(200);
    const confirmed = await c.call('POST', '/api/security/totp/confirm', {
      code: totpCode({ secret: base32Decode(enrolment.body.secret)!, at: new Date() }),
    });
    expect(confirmed.status).toBe(200);
    recovery.set(c.accountId!, confirmed.body.recoveryCodes);
  }
  async function readAll(c: TestClient, id: string, pages: number) {
    for (let page = 1; page <= pages; page++)
      expect((await c.call('POST', `/api/contracts/${id}/pages/${page}/read`)).status).toBe(200);
  }
  const sign = (c: TestClient, id: string, contentHash: string) =>
    c.call('POST', `/api/contracts/${id}/sign`, {
      contentHash,
      agreed: true,
      intentVersion: SIGNING_INTENT_VERSION,
    });

  /**
   * From an approved application of the contract journey's borrower to a contract signed by the
   * borrower and the guarantor (parallel order) and sealed by an approver: the application is then
   * contract_signed. Returns the contract and the approver's stepped-up client.
   */
  async function signLoanContract(applicationId: string) {
    const { borrower: b, guarantor: g } = contractJourneyAccounts;
    const officer = await logIn(demo('loan_officer').mobile, demo('loan_officer').password);
    const prepared = await officer.call('POST', `/api/staff/applications/${applicationId}/contract`, {
      account: repaymentAccount,
      guarantorPhones: [g.mobile],
      signingOrder: 'parallel',
    });
    expect(prepared.status).toBe(201);
    const { id, pageCount, contentHash } = prepared.body as {
      id: string;
      pageCount: number;
      contentHash: string;
    };
    for (const who of [b, g]) {
      const c = await logInSteppedUp(who.mobile, who.password);
      await readAll(c, id, pageCount);
      expect((await sign(c, id, contentHash)).status).toBe(200);
    }
    const approver = await logInSteppedUp(demo('approver').mobile, demo('approver').password);
    const sealed = await approver.call('POST', `/api/staff/contracts/${id}/seal`);
    expect(sealed.status).toBe(200);
    expect(sealed.body.status).toBe('signed');
    return { contract: prepared.body as { id: string; amount: string }, approver, officer };
  }

  return {
    recovery,
    logIn,
    logInWithSecondFactor,
    logInSteppedUp,
    enrolTotp,
    readAll,
    sign,
    signLoanContract,
  };
}
