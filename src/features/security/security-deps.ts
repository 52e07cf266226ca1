import type { SecondFactorStore } from './second-factor-store.port';
import type { AccountLockout, AccountSettings, AttemptLimiter, SessionsPort } from './security-session.port';

/** What the second-factor use cases need, wired by the composition root. */
export interface SecurityDeps {
  store: SecondFactorStore;
  accounts: AccountLockout;
  sessions: SessionsPort;
  rateLimiter: AttemptLimiter;
  /** Which second factors an account has (the store answers it). */
  secondFactors: SecondFactorStore;
  clock: () => Date;
  settings: AccountSettings;
  webauthn: {
    rpId: string;
    rpName: string;
    /** Origins ceremonies may come from (a function: the default follows the port the server listens on). */
    origins: () => string[];
  };
  /** Renders text as a QR code, an SVG `data:` URL. */
  renderQrCode: (text: string) => Promise<string>;
}
