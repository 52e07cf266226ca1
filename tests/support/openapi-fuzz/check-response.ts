import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { errorCodes } from '../../../src/core/errors';
import type { Operation, OpenApiResponse } from './openapi';

export interface Answered {
  status: number;
  contentType: string;
  body: string;
}

const isJson = (contentType: string) => /^application\/(.+\+)?json$/.test(contentType);

/**
 * Checks an answer against what the OpenAPI document promises for the operation: the status is one
 * it documents, the content type is one it lists for that status, a JSON body validates against the
 * documented schema, and every error (4xx, 5xx) is `{"error":{"code","message"}}` with a code from
 * src/core/errors.ts. Returns the broken promises, empty when the answer keeps them all.
 */
export function createResponseChecker() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // OpenAPI's marker for raw bytes, not a string format JSON Schema knows.
  ajv.addFormat('binary', true);
  const compiled = new Map<object, ValidateFunction>();
  const validatorFor = (schema: object) => {
    let v = compiled.get(schema);
    if (!v) {
      v = ajv.compile(schema);
      compiled.set(schema, v);
    }
    return v;
  };

  return function check(op: Operation, answer: Answered): string[] {
    const problems: string[] = [];
    const { status, contentType } = answer;
    if (status >= 500) problems.push(`5xx: ${status}`);
    const documented: OpenApiResponse | undefined =
      op.responses[String(status)] ?? op.responses[`${Math.floor(status / 100)}XX`] ?? op.responses.default;
    let parsed: unknown;
    let isParsed = false;
    if (isJson(contentType)) {
      try {
        parsed = JSON.parse(answer.body);
        isParsed = true;
      } catch {
        problems.push('body is not the JSON its content type says');
      }
    }
    if (status >= 400) {
      const error = (parsed as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
      if (!isParsed || typeof error?.code !== 'string' || typeof error.message !== 'string')
        problems.push(
          `error body is not {error:{code,message}}: ${contentType} ${answer.body.slice(0, 120)}`,
        );
      else if (!(error.code in errorCodes)) problems.push(`unknown error code ${error.code}`);
    }
    if (!documented) {
      problems.push(`undocumented status ${status}`);
      return problems;
    }
    const content = documented.content;
    if (!content || answer.body.length === 0) return problems;
    const media = content[contentType];
    if (!media) {
      problems.push(
        `status ${status} answered ${contentType || '(no content type)'}, documented ${Object.keys(content).join(', ')}`,
      );
      return problems;
    }
    if (isParsed && media.schema) {
      const validate = validatorFor(media.schema);
      if (!validate(parsed))
        problems.push(
          `body does not match the ${status} schema: ${ajv.errorsText(validate.errors?.slice(0, 3))}`,
        );
    }
    return problems;
  };
}
