import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation: bodies are checked exactly (no type coercion, unknown fields refused, nothing
 * silently removed); query strings and path parameters arrive as text, so there numbers are coerced.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const common: Options = { allErrors: false, useDefaults: true, removeAdditional: false, strict: false };
  const body = new Ajv({ ...common, coerceTypes: false });
  const text = new Ajv({ ...common, coerceTypes: true });
  for (const ajv of [body, text]) addFormats.default(ajv);
  return ({ schema, httpPart }) => (httpPart === 'body' ? body : text).compile(schema as object);
}
