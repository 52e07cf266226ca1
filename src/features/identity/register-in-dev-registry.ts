import type { Actor } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import { checkStatedIdentity } from '../../core/identity/stated-identity';
import { chinaDateOf, type IdentityDeps } from './identity-deps';

const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;

/**
 * Development mode: a tester adds themselves to the local identity registry with a webcam photo, so
 * that they can go through verification with their own face. Refused in production mode, and
 * whenever the authority is a real service.
 */
export async function registerInDevRegistry({
  deps,
  actor,
  name,
  idNumber,
  photo,
}: {
  deps: Pick<IdentityDeps, 'registry' | 'settings' | 'clock'>;
  actor: Actor;
  name: string;
  idNumber: string;
  photo: Uint8Array | undefined;
}): Promise<void> {
  if (!deps.settings.isDevelopment || !deps.registry) throw new AppError('DEVELOPMENT_ONLY');
  const stated = checkStatedIdentity({ name, idNumber, today: chinaDateOf(deps.clock()) });
  if (!stated.ok) throw new AppError('IDENTITY_DETAILS_INVALID', undefined, { reasons: stated.reasons });
  if (photo !== undefined) {
    if (photo.length > deps.settings.maxFrameBytes)
      throw new AppError('FACE_IMAGE_TOO_LARGE', undefined, { maxBytes: deps.settings.maxFrameBytes });
    if (!isJpeg(photo)) throw new AppError('FACE_IMAGE_INVALID', 'The photo must be a JPEG image');
  }
  await deps.registry.register({
    name: stated.name,
    idNumber: stated.info.number,
    photo,
    source: 'self_registered',
    registeredBy: actor.accountId,
  });
}
