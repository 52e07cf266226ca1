import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions } from '@simplewebauthn/server';
import type { SecurityDeps } from './security-deps';
import { WEBAUTHN_TIMEOUT_MS } from './webauthn-settings';
import type { SecurityAccount, SecuritySession } from './security-session.port';

/**
 * Options for navigator.credentials.create(): user verification required (the phone's fingerprint or
 * face unlock, or a PIN), a discoverable credential preferred, no attestation, the account's existing
 * passkeys excluded. The challenge is kept server-side for this session, for one use.
 */
export async function startPasskeyRegistration({
  deps,
  auth,
}: {
  deps: Pick<SecurityDeps, 'store' | 'webauthn' | 'clock'>;
  auth: { session: SecuritySession; account: SecurityAccount };
}) {
  const existing = await deps.store.listPasskeys(auth.account.id);
  const options = await generateRegistrationOptions({
    rpName: deps.webauthn.rpName,
    rpID: deps.webauthn.rpId,
    userName: auth.account.mobileMasked,
    userDisplayName: auth.account.displayName,
    // The user handle is the account id's 16 bytes: stable, and no personal data on the authenticator.
    userID: new Uint8Array(Buffer.from(auth.account.id.replace(/-/g, ''), 'hex')),
    challenge: new Uint8Array(randomBytes(32)),
    timeout: WEBAUTHN_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: p.transports })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    supportedAlgorithmIDs: [-7, -257],
  });
  await deps.store.saveChallenge({
    sessionHash: auth.session.tokenHash,
    purpose: 'registration',
    accountId: auth.account.id,
    challenge: options.challenge,
    expiresAt: new Date(deps.clock().getTime() + WEBAUTHN_TIMEOUT_MS),
  });
  return options;
}
