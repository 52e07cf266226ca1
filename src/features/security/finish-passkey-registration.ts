import { randomUUID } from 'node:crypto';
import { verifyRegistrationResponse, type RegistrationResponseJSON } from '@simplewebauthn/server';
import { AppError } from '../../core/errors';
import { issueRecoveryCodes } from './issue-recovery-codes';
import type { PasskeyRecord } from './second-factor-store.port';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Verifies the authenticator's answer to the registration options (challenge taken once, origin, RP
 * ID, user presence and verification, signature algorithm) and stores the passkey. When it is the
 * account's first second factor, recovery codes are issued and returned once.
 */
export async function finishPasskeyRegistration({
  deps,
  auth,
  credential,
  name,
}: {
  deps: Pick<SecurityDeps, 'store' | 'webauthn' | 'clock' | 'sessions'>;
  auth: { session: SecuritySession; account: SecurityAccount };
  credential: RegistrationResponseJSON;
  name: string | undefined;
}): Promise<{ passkey: PasskeyRecord; recoveryCodes: string[] | undefined }> {
  const now = deps.clock();
  const challenge = await deps.store.takeChallenge({
    sessionHash: auth.session.tokenHash,
    purpose: 'registration',
    now,
  });
  if (!challenge) throw new AppError('WEBAUTHN_CHALLENGE_INVALID');
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: credential,
      expectedChallenge: challenge,
      expectedOrigin: deps.webauthn.origins(),
      expectedRPID: deps.webauthn.rpId,
      requireUserPresence: true,
      requireUserVerification: true,
      supportedAlgorithmIDs: [-7, -257],
    });
  } catch (e) {
    throw new AppError('PASSKEY_REGISTRATION_FAILED', e instanceof Error ? e.message : undefined);
  }
  if (!verified.verified) throw new AppError('PASSKEY_REGISTRATION_FAILED');
  const info = verified.registrationInfo;
  const hadFactor = (await deps.store.methodsOf(auth.account.id)).length > 0;
  const passkey: PasskeyRecord = {
    id: randomUUID(),
    accountId: auth.account.id,
    credentialId: info.credential.id,
    publicKey: info.credential.publicKey,
    counter: info.credential.counter,
    transports: (info.credential.transports ?? []).slice(0, 8),
    name: name?.trim() || defaultName(now),
    isBackedUp: info.credentialBackedUp,
    createdAt: now,
    lastUsedAt: null,
  };
  if (!(await deps.store.addPasskey(passkey)))
    throw new AppError('PASSKEY_REGISTRATION_FAILED', 'This passkey is registered already');
  // Creating a passkey with user verification is itself a proof of it: a fresh step-up.
  await deps.sessions.markSecondFactor({ tokenHash: auth.session.tokenHash, at: now, method: 'passkey' });
  const recoveryCodes = hadFactor
    ? undefined
    : await issueRecoveryCodes({ deps, accountId: auth.account.id });
  return { passkey, recoveryCodes };
}

function defaultName(at: Date): string {
  return `Passkey ${at.toISOString().slice(0, 10)}`;
}
