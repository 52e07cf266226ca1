import { createHash } from 'node:crypto';

/**
 * The id under which a session is listed and revoked: derived from the stored token hash, so it names
 * the session without being usable to look it up or log in (and both session stores give it for free).
 */
export function sessionPublicId(tokenHash: string): string {
  return createHash('sha256').update(`mianqian/session-id/v1:${tokenHash}`).digest('base64url').slice(0, 22);
}
