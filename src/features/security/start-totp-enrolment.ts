import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors';
import { base32Encode, otpauthUri } from '../../core/identity/totp';
import type { SecurityDeps } from './security-deps';
import type { SecurityAccount } from './security-session.port';

/** Size of a TOTP secret: 160 bits, as RFC 4226 recommends for HMAC-SHA-1. */
const SECRET_BYTES = 20;

/**
 * Starts setting up an authenticator app: a new secret (stored encrypted, not yet enabled), its
 * otpauth:// URI and the URI as a QR code. It takes effect only when confirmed with a code.
 */
export async function startTotpEnrolment({
  deps,
  account,
}: {
  deps: Pick<SecurityDeps, 'store' | 'renderQrCode'>;
  account: SecurityAccount;
}): Promise<{ secret: string; otpauthUri: string; qrCodeDataUrl: string }> {
  const secret = randomBytes(SECRET_BYTES);
  if (!(await deps.store.startTotpEnrolment({ accountId: account.id, secret })))
    throw new AppError('TOTP_ALREADY_ENABLED');
  const uri = otpauthUri({ secret, accountName: account.mobileMasked });
  return { secret: base32Encode(secret), otpauthUri: uri, qrCodeDataUrl: await deps.renderQrCode(uri) };
}
