import type { RouteOptions } from 'fastify';
import type { TSchema } from 'typebox';
import { ErrorBody } from '../contracts/common.schema';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The error statuses the HTTP layer itself can answer on a route, before or around its handler,
 * whatever the route declares: a malformed URL, query or body (400); no session, the wrong role, a
 * missing CSRF token or step-up (401, 403; a public state-changing route refuses cross-site requests
 * with 403); a path parameter longer than the router takes (414); and, on methods that carry a body,
 * a body over the size limit (413) or of a type no parser takes (415).
 */
export function frameworkErrorStatuses(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): number[] {
  const methods = [route.method].flat();
  const access = (route.config as { access?: unknown } | undefined)?.access;
  const isPublic = access === 'public';
  const hasBody = methods.some((m) => !SAFE_METHODS.has(m));
  const hasPathParams = /[:*]/.test(route.url ?? '');
  return [
    400,
    ...(isPublic ? [] : [401, 403]),
    ...(isPublic && hasBody ? [403] : []),
    ...(hasPathParams ? [414] : []),
    ...(hasBody ? [413, 415] : []),
  ];
}

/**
 * An onRoute hook that adds the shared error body to a route's documented responses for every status
 * in `frameworkErrorStatuses`, so that the OpenAPI document tells the truth about what a client can
 * get back (the error handler answers these as `{"error":{"code","message"}}`). Only routes that
 * document responses are touched; a status a route already documents is left as it is.
 */
export function documentFrameworkErrors(route: RouteOptions): void {
  const schema = route.schema as { response?: Record<string, unknown>; hide?: boolean } | undefined;
  if (!schema?.response || schema.hide) return;
  const response: Record<string, unknown> = { ...schema.response };
  for (const status of frameworkErrorStatuses(route))
    if (!(String(status) in response)) response[String(status)] = ErrorBody as TSchema;
  route.schema = { ...route.schema, response };
}
