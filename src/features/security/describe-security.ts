import type { SecurityOverview } from '../../contracts/security.schema';
import { viewPasskey } from './passkey-view';
import type { SecurityDeps } from './security-deps';
import { stepUpUntil } from './step-up-window';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/** The caller's security settings: TOTP on or off, recovery codes left, passkeys, and the step-up window. */
export async function describeSecurity({
  deps,
  auth,
}: {
  deps: Pick<SecurityDeps, 'store' | 'clock'>;
  auth: { session: SecuritySession; account: SecurityAccount };
}): Promise<SecurityOverview> {
  const accountId = auth.account.id;
  const [totp, recoveryCodesLeft, passkeys, methods] = await Promise.all([
    deps.store.findTotp(accountId),
    deps.store.countRecoveryCodes(accountId),
    deps.store.listPasskeys(accountId),
    deps.store.methodsOf(accountId),
  ]);
  return {
    isTotpEnabled: totp?.isEnabled === true,
    recoveryCodesLeft,
    passkeys: passkeys.map(viewPasskey),
    methods,
    stepUpUntil: stepUpUntil({ session: auth.session, now: deps.clock() })?.toISOString() ?? null,
  };
}
