import { randomBytes } from 'node:crypto';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { AppError } from '../../core/errors';
import { beginSecondFactorAttempt } from './guard-second-factor-attempt';
import type { SecurityDeps } from './security-deps';
import { WEBAUTHN_TIMEOUT_MS } from './webauthn-settings';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Options for navigator.credentials.get() to prove the second factor with a passkey (login second
 * step or step-up): the account's passkeys, user verification required, a one-use challenge kept
 * server-side for this session.
 */
export async function startPasskeyAuthentication({
  deps,
  auth,
}: {
  deps: Pick<SecurityDeps, 'store' | 'webauthn' | 'clock' | 'rateLimiter'>;
  auth: { session: SecuritySession; account: SecurityAccount };
}) {
  await beginSecondFactorAttempt({ deps, auth });
  const passkeys = await deps.store.listPasskeys(auth.account.id);
  if (passkeys.length === 0) throw new AppError('SECOND_FACTOR_NOT_ENROLLED', 'The account has no passkey');
  const options = await generateAuthenticationOptions({
    rpID: deps.webauthn.rpId,
    allowCredentials: passkeys.map((p) => ({ id: p.credentialId, transports: p.transports })),
    challenge: new Uint8Array(randomBytes(32)),
    timeout: WEBAUTHN_TIMEOUT_MS,
    userVerification: 'required',
  });
  await deps.store.saveChallenge({
    sessionHash: auth.session.tokenHash,
    purpose: 'authentication',
    accountId: auth.account.id,
    challenge: options.challenge,
    expiresAt: new Date(deps.clock().getTime() + WEBAUTHN_TIMEOUT_MS),
  });
  return options;
}
