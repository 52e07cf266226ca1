import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors';
import type { AccountsDeps } from '../features/accounts/accounts-deps';
import { resolveSession } from '../features/accounts/resolve-session';
import { checkStepUp } from '../features/security/check-step-up';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser's Origin header names this site: the host the request came to (behind a proxy,
 * the forwarded one when TRUST_PROXY is on) or one of the configured public origins.
 */
function isOwnOrigin(origin: string, host: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true;
  try {
    const own = new URL(origin);
    // The Host read under the origin's scheme, so that a default port written out compares equal.
    return own.host === new URL(`${own.protocol}//${host}`).host;
  } catch {
    return false; // "null" (a sandboxed frame, a redirect) or garbage: not us
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The single access check for every route: resolves the session from the cookie, then applies the
 * route's `config.access`. Routes without a declaration are refused (fail closed). State-changing
 * calls need the session's CSRF token in X-CSRF-Token; public ones (register, login) refuse requests
 * that the browser marks as cross-site, and every state change from a foreign Origin is refused. A
 * login still waiting for its second factor reaches only routes with `config.allowsPendingSession`;
 * routes with `config.stepUp` need a second factor proved within the last 5 minutes (checked after
 * the CSRF token, so a forged request learns nothing).
 */
export function createAccessHook({
  deps,
  cookieName,
  allowedOrigins = [],
}: {
  deps: Pick<AccountsDeps, 'sessions' | 'clock' | 'settings' | 'secondFactors'>;
  cookieName: string;
  /** The site's public origins (WEBAUTHN_ORIGIN), accepted besides the request's own host. */
  allowedOrigins?: readonly string[];
}) {
  return async function accessHook(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const access = request.routeOptions.config?.access;
    // The built web app (static files and the single-page fallback) is public; API routes must declare.
    if (access === undefined && !request.url.startsWith('/api/')) return;
    if (access === undefined) {
      if (request.routeOptions.url === undefined) return; // 404 handler answers
      throw new AppError('FORBIDDEN', 'This endpoint declares no access rule');
    }
    const token = request.cookies[cookieName];
    request.auth = token ? ((await resolveSession({ deps, token })) ?? null) : null;
    // A state change announced by a browser as coming from another site is refused on every route,
    // public ones included: browsers without Sec-Fetch-Site still send Origin, and a forged login
    // (login CSRF) carries no session and so no CSRF token to check.
    const origin = request.headers.origin;
    if (
      !SAFE_METHODS.has(request.method) &&
      origin !== undefined &&
      !isOwnOrigin(origin, request.host, allowedOrigins)
    )
      throw new AppError('CSRF_TOKEN_INVALID', 'Cross-origin request refused');
    if (access === 'public') {
      const site = request.headers['sec-fetch-site'];
      if (!SAFE_METHODS.has(request.method) && site === 'cross-site')
        throw new AppError('CSRF_TOKEN_INVALID', 'Cross-site request refused');
      return;
    }
    if (!request.auth) throw new AppError('UNAUTHENTICATED');
    const config = request.routeOptions.config;
    if (request.auth.session.isPendingSecondFactor && config.allowsPendingSession !== true)
      throw new AppError('SECOND_FACTOR_PENDING');
    if (access !== 'authenticated' && !access.includes(request.auth.account.role))
      throw new AppError('FORBIDDEN');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameToken(sent, request.auth.session.csrfToken))
        throw new AppError('CSRF_TOKEN_INVALID');
    }
    if (config.stepUp) await checkStepUp({ deps, auth: request.auth, rule: config.stepUp });
  };
}
