import { describe, expect, it } from 'vitest';
import type { RouteOptions } from 'fastify';
import { ErrorBody } from '../contracts/common.schema';
import { documentFrameworkErrors, frameworkErrorStatuses } from './framework-error-responses';

const route = (over: Partial<RouteOptions>): RouteOptions =>
  ({ method: 'GET', url: '/api/x', handler: () => undefined, ...over }) as RouteOptions;

describe('the error statuses the HTTP layer documents on every route', () => {
  it('adds access errors to non-public routes, size and type errors to body methods, 414 to parameterised paths', () => {
    expect(frameworkErrorStatuses(route({ config: { access: 'public' } }))).toEqual([400]);
    expect(frameworkErrorStatuses(route({ config: { access: 'authenticated' } }))).toEqual([400, 401, 403]);
    expect(frameworkErrorStatuses(route({ method: 'POST', config: { access: 'public' } }))).toEqual([
      400, 403, 413, 415,
    ]);
    expect(
      frameworkErrorStatuses(route({ method: 'PUT', url: '/api/x/:id', config: { access: ['admin'] } })),
    ).toEqual([400, 401, 403, 414, 413, 415]);
  });

  it('keeps what a route documents and leaves routes without responses alone', () => {
    const own = { type: 'object' };
    const documented = route({ schema: { response: { 200: own, 400: own } }, config: { access: 'public' } });
    documentFrameworkErrors(documented);
    expect(documented.schema?.response).toEqual({ 200: own, 400: own });
    const bare = route({ schema: {}, config: { access: 'authenticated' } });
    documentFrameworkErrors(bare);
    expect(bare.schema).toEqual({});
    const post = route({ method: 'POST', schema: { response: { 201: own } }, config: { access: ['admin'] } });
    documentFrameworkErrors(post);
    expect(post.schema?.response).toEqual({
      201: own,
      400: ErrorBody,
      401: ErrorBody,
      403: ErrorBody,
      413: ErrorBody,
      415: ErrorBody,
    });
  });
});
