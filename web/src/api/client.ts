import type { ErrorBody } from '../../../src/contracts/common.schema';
import i18n from '../i18n';

/** An error answer of the API (or a network failure, code `NETWORK_ERROR`, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

type Query = Record<string, string | number | undefined>;

export interface RequestOptions {
  query?: Query;
  /** A JSON body; mutually exclusive with `file`. */
  json?: unknown;
  /** A raw body sent with its own content type (document uploads). */
  file?: Blob;
}

// The session cookie is HttpOnly, so the SPA only ever holds the CSRF token the server hands out with
// the session view; it must accompany every state-changing request.
let csrfToken: string | null = null;
let unauthenticatedListener: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request answers 401, i.e. the session ended on the server (expiry, logout elsewhere). */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

/** The API's JSON error body as an ApiError (or a generic one when the body is not ours). */
export async function readError(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as ErrorBody;
    return new ApiError(response.status, body.error.code, body.error.message, body.error.details);
  } catch {
    return new ApiError(response.status, 'HTTP_ERROR', `${response.status} ${response.statusText}`);
  }
}

export async function apiRequest<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': i18n.language };
  let body: BodyInit | undefined;
  if (options.file) {
    body = options.file;
    headers['Content-Type'] = options.file.type;
  } else if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'NETWORK_ERROR', e instanceof Error ? e.message : String(e));
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401) unauthenticatedListener?.();
    throw error;
  }
  return (await response.json()) as T;
}
