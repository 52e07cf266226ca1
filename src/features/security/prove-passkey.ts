import { verifyAuthenticationResponse, type AuthenticationResponseJSON } from '@simplewebauthn/server';
import { AppError } from '../../core/errors';
import { acceptSecondFactor } from './accept-second-factor';
import { beginSecondFactorAttempt, failSecondFactorAttempt } from './guard-second-factor-attempt';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Proves the second factor with a passkey assertion: the challenge this session was given (once), one
 * of the account's own passkeys, origin and RP ID, user verification (UV flag) and the signature, and
 * a signature counter that must move forward when the authenticator keeps one (a cloned key shows up).
 */
export async function provePasskey({
  deps,
  auth,
  credential,
  userAgent,
}: {
  deps: SecurityDeps;
  auth: { session: SecuritySession; account: SecurityAccount };
  credential: AuthenticationResponseJSON;
  userAgent: string | null;
}) {
  await beginSecondFactorAttempt({ deps, auth });
  const now = deps.clock();
  const challenge = await deps.store.takeChallenge({
    sessionHash: auth.session.tokenHash,
    purpose: 'authentication',
    now,
  });
  if (!challenge) throw new AppError('WEBAUTHN_CHALLENGE_INVALID');
  const passkey = (await deps.store.listPasskeys(auth.account.id)).find(
    (p) => p.credentialId === credential.id,
  );
  if (!passkey) return failSecondFactorAttempt({ deps, auth });
  let verified;
  try {
    verified = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: challenge,
      expectedOrigin: deps.webauthn.origins(),
      expectedRPID: deps.webauthn.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch {
    return failSecondFactorAttempt({ deps, auth });
  }
  if (!verified.verified) return failSecondFactorAttempt({ deps, auth });
  await deps.store.recordPasskeyUse({
    id: passkey.id,
    counter: verified.authenticationInfo.newCounter,
    at: now,
  });
  return acceptSecondFactor({ deps, auth, userAgent, method: 'passkey' });
}
