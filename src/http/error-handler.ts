import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorCodes, type ErrorCode } from '../core/errors';
import { errorStatus } from './error-status';

/** Fastify's own errors for malformed requests, mapped to our codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'VALIDATION_FAILED',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
  FST_ERR_BAD_URL: 'VALIDATION_FAILED',
  FST_ERR_ASYNC_CONSTRAINT: 'VALIDATION_FAILED',
};

export interface ErrorAnswer {
  status: number;
  body: { error: { code: string; message: string; details?: unknown } };
}

/** Turns anything thrown into the JSON error body and status; unknown faults become a bare 500. */
export function toErrorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof AppError) {
    return {
      status: errorStatus[error.code],
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      },
    };
  }
  const fe = error as Partial<FastifyError> & {
    validation?: { instancePath?: string; message?: string }[];
    validationContext?: string;
  };
  if (fe?.validation) {
    const first = fe.validation[0];
    const where = `${fe.validationContext ?? 'body'}${first?.instancePath ?? ''}`;
    return {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: `${where} ${first?.message ?? 'is not valid'}`,
          details: {
            issues: fe.validation
              .slice(0, 10)
              .map((v) => ({ path: v.instancePath ?? '', message: v.message ?? '' })),
          },
        },
      },
    };
  }
  const mapped = fe?.code ? fastifyCodes[fe.code] : undefined;
  if (mapped)
    return { status: errorStatus[mapped], body: { error: { code: mapped, message: errorCodes[mapped] } } };
  // Any other 4xx raised by Fastify or a plugin stays a 4xx with a generic code.
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      status: fe.statusCode,
      body: { error: { code: 'VALIDATION_FAILED', message: fe.message ?? 'Bad request' } },
    };
  }
  return { status: 500, body: { error: { code: 'INTERNAL_ERROR', message: errorCodes.INTERNAL_ERROR } } };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const answer = toErrorAnswer(error);
  if (answer.status >= 500) request.log.error({ err: error }, 'request failed');
  else if (answer.status === 401 || answer.status === 403 || answer.status === 404)
    // Every refusal is logged with who, which route and the outcome (ASVS 16.3.2, MLPS 8.1.4.2). A 404
    // counts: someone else's object answers exactly like a missing one. The route is its template and
    // the caller an account id, so no personal data or ids from the URL reach the log.
    request.log.warn(
      {
        code: answer.body.error.code,
        status: answer.status,
        method: request.method,
        route: request.routeOptions?.url ?? null,
        accountId: request.auth?.account.id ?? null,
        role: request.auth?.account.role ?? null,
      },
      'access denied',
    );
  const retryAfter = (answer.body.error.details as { retryAfterSeconds?: number } | undefined)
    ?.retryAfterSeconds;
  if (retryAfter) void reply.header('retry-after', String(retryAfter));
  return reply.code(answer.status).send(answer.body);
}
