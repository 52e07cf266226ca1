import type { Role } from '../../../src/core/accounts/roles';
import { base32Decode, totpCode, totpStep } from '../../../src/core/identity/totp';
import { createStaffAccount } from '../../../src/features/accounts/create-staff-account';
import { openSession } from '../../../src/features/accounts/open-session';
import { composeAccountsDeps } from '../../../src/http/compose-deps';
import { creditCodeFor } from '../fixtures';
import { TestClient, uniqueMobile, type TestPlatform } from '../test-platform';

const PASSWORD = 'fuzz passphrase 2026 长';

/**
 * A logged-in caller of one role for the fuzz, with a TOTP second factor so that step-up routes let
 * its requests through to validation and the handler. The fuzz may end its session (logout, session
 * revocation, three wrong step-up codes) or lock or disable its account; `recover()` then logs in
 * again, or makes a new account of the same role when the old one can no longer log in.
 */
export class FuzzCaller {
  client!: TestClient;
  mobile = '';
  private secret: Buffer | undefined;
  private lastTotpStep = -1;
  /** Ids of things this caller really has, by path parameter name ('id' for the catch-all). */
  readonly ids = new Map<string, string[]>();
  renewals = 0;
  newAccounts = 0;

  private constructor(
    private readonly p: TestPlatform,
    readonly role: Role,
  ) {}

  static async create(p: TestPlatform, role: Role): Promise<FuzzCaller> {
    const caller = new FuzzCaller(p, role);
    await caller.newAccount();
    return caller;
  }

  /** Remembers an id this caller has, so path parameters sometimes name something that exists. */
  remember(param: string, id: string, { isPinned = false } = {}): void {
    const list = this.ids.get(param) ?? [];
    if (list.includes(id)) return;
    // A few pinned ids (the caller's own application and document) stay; harvested ones rotate.
    if (isPinned) list.unshift(id);
    else if (list.length < 40) list.push(id);
    this.ids.set(param, list);
  }

  private async newAccount(): Promise<void> {
    this.client = new TestClient(this.p.app);
    this.mobile = uniqueMobile();
    this.secret = undefined;
    this.lastTotpStep = -1;
    if (this.role === 'borrower_individual' || this.role === 'borrower_enterprise') {
      const r = await this.client.register({
        mobile: this.mobile,
        password: PASSWORD,
        role: this.role,
        ...(this.role === 'borrower_enterprise'
          ? {
              enterprise: {
                companyName: '模糊测试科技有限公司',
                creditCode: creditCodeFor(),
                actingAs: 'legal_representative',
              },
            }
          : {}),
      });
      if (r.status !== 201) throw new Error(`register ${this.role}: ${r.status} ${JSON.stringify(r.body)}`);
    } else {
      await createStaffAccount({
        deps: this.p.infra,
        input: { mobile: this.mobile, password: PASSWORD, displayName: `fuzz ${this.role}`, role: this.role },
      });
      const r = await this.client.login(this.mobile, PASSWORD);
      if (r.status !== 200) throw new Error(`login ${this.role}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    this.newAccounts++;
    await this.enrolTotp();
  }

  private currentStep(): number {
    return totpStep({ at: new Date(this.now()) });
  }

  /** The app's clock: the fuzz never moves it, so it is the wall clock. */
  private now(): number {
    return Date.now();
  }

  /**
   * A TOTP code the server has not seen from this account: this 30-second step's, or the next one's
   * (the server accepts one step of drift) when this one is used. Undefined when both are used.
   */
  private freshCode(secret: Buffer): string | undefined {
    const step = Math.max(this.currentStep(), this.lastTotpStep + 1);
    if (step > this.currentStep() + 1) return undefined;
    this.lastTotpStep = step;
    return totpCode({ secret, at: new Date(step * 30_000) });
  }

  private hasFreshStep(): boolean {
    return Math.max(this.currentStep(), this.lastTotpStep + 1) <= this.currentStep() + 1;
  }

  private async enrolTotp(): Promise<boolean> {
    const enrolment = await this.client.call('POST', '/api/security/totp/enrolment');
    if (enrolment.status !== 200) return false;
    const secret = base32Decode(enrolment.body.secret)!;
    const code = this.freshCode(secret);
    if (!code) return false;
    const confirmed = await this.client.call('POST', '/api/security/totp/confirm', { code });
    if (confirmed.status !== 200) return false;
    this.secret = secret;
    return true;
  }

  /**
   * After an answer with an access error code, finds out whether the fuzz broke the caller (an
   * ended session, an expired step-up, TOTP turned off) rather than the route refusing on its own
   * terms (a passkey step-up with no passkey also says SECOND_FACTOR_NOT_ENROLLED), and repairs it.
   * Returns whether it did.
   */
  async repairAfter(code: string): Promise<boolean> {
    const session = await this.client.call('GET', '/api/session');
    if (session.status !== 200 || code === 'STEP_UP_REQUIRED') {
      await this.recover();
      return true;
    }
    if (code === 'SECOND_FACTOR_NOT_ENROLLED' && this.hasFreshStep()) {
      // Enrolling again needs a TOTP code the account has not used; at most two fit in 30 seconds, so
      // until the next step the route's cases meet the 403 (still checked) rather than a new account each.
      const security = await this.client.call('GET', '/api/security');
      if (security.status === 200 && security.body.isTotpEnabled === false) return this.enrolTotp();
    }
    return false;
  }

  /**
   * Brings the caller back to a usable, stepped-up session after the fuzz broke it (logged out,
   * session revoked, three wrong step-up codes). The session is opened the way a completed login with
   * a second factor opens it, but directly: the login route itself is fuzzed on its own, and going
   * through Argon2 and a TOTP step for each of hundreds of recoveries would cost minutes. An account
   * the fuzz locked or disabled is replaced by a new one of the same role.
   */
  async recover(): Promise<void> {
    this.renewals++;
    const deps = composeAccountsDeps({ infra: this.p.infra, config: this.p.config });
    const account = this.client.accountId ? await deps.accounts.findById(this.client.accountId) : undefined;
    if (account) {
      const opened = await openSession({
        deps,
        account,
        userAgent: 'bad-input fuzz',
        secondFactorAt: new Date(),
        secondFactorMethod: 'totp',
      });
      const cookieName = this.p.config.cookieSecure ? '__Host-mq_session' : 'mq_session';
      this.client.cookie = `${cookieName}=${opened.token}`;
      this.client.csrf = opened.csrfToken;
      if ((await this.client.call('GET', '/api/session')).status === 200) return;
    }
    await this.newAccount();
  }
}
