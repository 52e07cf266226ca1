import type { FastifyRequest } from 'fastify';
import type { Actor, Role } from '../../core/accounts/roles';
import { AppError } from '../../core/errors';
import type { AccountRecord } from './account-store.port';
import type { SessionRecord } from './session-store.port';

/**
 * Who may call a route, declared in the route's `config.access` and enforced by one hook at the HTTP
 * edge: 'public', 'authenticated' (any logged-in account), or a list of roles. A route without it is
 * refused (fail closed), and the authorization test walks the route table.
 */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

/**
 * Step-up (`config.stepUp`): the session must have proved a second factor within the last 5 minutes.
 * `true` also refuses accounts with no second factor (SECOND_FACTOR_NOT_ENROLLED); 'if-enrolled' lets
 * them through (adding the first factor cannot require one).
 */
export type StepUpRule = true | 'if-enrolled';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Needs a recent second factor (see StepUpRule). */
    stepUp?: StepUpRule;
    /** Answers a session still waiting for its second factor (the second-factor routes and logout). */
    allowsPendingSession?: boolean;
  }
  interface FastifyRequest {
    auth: { session: SessionRecord; account: AccountRecord } | null;
  }
}

/** The caller of an authenticated route (the access hook has already refused anonymous calls). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.auth) throw new AppError('UNAUTHENTICATED');
  return { accountId: request.auth.account.id, role: request.auth.account.role };
}

/** The client's address as the server sees it (X-Forwarded-For only when TRUST_PROXY is on). */
export function clientIpOf(request: FastifyRequest): string {
  return request.ip;
}

/** How a request's evidence was captured, for the ledger: the client's address and device. */
export function captureOf(request: FastifyRequest): { ip: string; userAgent: string | undefined } {
  return { ip: clientIpOf(request), userAgent: request.headers['user-agent'] };
}
