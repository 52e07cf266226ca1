import fc from 'fast-check';
import type { JsonSchema } from './openapi';

/**
 * A fast-check arbitrary of values that a JSON Schema accepts, for the subset @fastify/swagger
 * emits from TypeBox (type, enum, const, anyOf/oneOf/allOf, properties/required/additionalProperties,
 * items, string formats and patterns, numeric bounds). Sizes are kept small: the point is requests
 * that pass validation and reach the handler, not big ones (the mutations make big ones).
 * Where a pattern and a length bound disagree the value may miss the schema; such a case is then
 * just one more invalid request, which the harness treats like any other.
 */
export function arbitraryFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || typeof schema !== 'object') return anyJson(depth);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arbitraryFor(s, depth)));
  if (Array.isArray(schema.allOf) && schema.allOf.length)
    return arbitraryFor(Object.assign({}, ...(schema.allOf as JsonSchema[])), depth);
  const type = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : undefined;
  if (type && type.length > 1)
    return fc.oneof(...type.map((t: string) => arbitraryFor({ ...schema, type: t }, depth)));
  switch (type?.[0]) {
    case 'string':
      return stringFor(schema);
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000),
        max:
          schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000),
      });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e9,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return arrayFor(schema, depth);
    case 'object':
      return objectFor(schema, depth);
    default:
      if (schema.properties) return objectFor(schema, depth);
      return anyJson(depth);
  }
}

function anyJson(depth: number): fc.Arbitrary<unknown> {
  return fc.jsonValue({ maxDepth: Math.max(0, 2 - depth) });
}

const dateTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? 64;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'date-time':
      return dateTime;
    case 'date':
      return dateTime.map((s) => s.slice(0, 10));
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'binary':
      return fc.string({ maxLength: 16 });
  }
  if (typeof schema.pattern === 'string') {
    try {
      const matching = fc.stringMatching(new RegExp(schema.pattern), { size: 'small' });
      // Patterns say which characters; the length bounds are applied by cutting or padding a match.
      return matching.map((s) => (fits(s) ? s : s.slice(0, maxLength))).filter((s) => s.length >= minLength);
    } catch {
      // A pattern fast-check cannot read: plain text, which may or may not match.
    }
  }
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength, maxLength: Math.min(maxLength, 24) }) },
    // Chinese and other non-ASCII text is ordinary input here (names, addresses).
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 12) }).filter(fits),
    },
  );
}

function arrayFor(schema: JsonSchema, depth: number): fc.Arbitrary<unknown[]> {
  const minLength: number = schema.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, depth > 2 ? minLength : 4));
  const items = arbitraryFor(schema.items as JsonSchema | undefined, depth + 1);
  return schema.uniqueItems
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) })
    : fc.array(items, { minLength, maxLength });
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set<string>((schema.required as string[] | undefined) ?? []);
  const keys = Object.keys(properties);
  let arb: fc.Arbitrary<Record<string, unknown>>;
  if (keys.length) {
    const model = Object.fromEntries(keys.map((k) => [k, arbitraryFor(properties[k], depth + 1)]));
    arb = fc.record(model, { requiredKeys: keys.filter((k) => required.has(k)) }) as fc.Arbitrary<
      Record<string, unknown>
    >;
  } else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    arb = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 12 }),
      arbitraryFor(schema.additionalProperties as JsonSchema, depth + 1),
      { maxKeys: 3 },
    );
  } else {
    arb = fc.constant({});
  }
  const minProperties: number | undefined = schema.minProperties;
  return minProperties ? arb.filter((o) => Object.keys(o).length >= minProperties) : arb;
}
