import Type, { type Static, type TSchema } from 'typebox';

/** The body of every error answer: `{"error":{"code":"…","message":"…"}}`. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String({ description: 'Stable machine-readable code, e.g. APPLICATION_NOT_FOUND' }),
        message: Type.String({ description: 'Human-readable explanation' }),
        details: Type.Optional(Type.Unknown()),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'ErrorBody', additionalProperties: false },
);
export type ErrorBody = Static<typeof ErrorBody>;

/** A yuan amount as a decimal string with at most two places (fen), e.g. "250000.00". */
export const YuanString = Type.String({
  pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$',
  description: 'Amount in yuan, decimal string with at most 2 places',
  examples: ['250000.00'],
});

/** A signed yuan amount (profits and cash flows can be negative). */
export const SignedYuanString = Type.String({
  pattern: '^-?(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$',
  description: 'Signed amount in yuan, decimal string with at most 2 places',
});

export const Uuid = Type.String({ format: 'uuid' });
export const IsoDateTime = Type.String({ format: 'date-time' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;

/** A short single-line text field: no control characters. */
export function Text(maxLength: number, options: { minLength?: number; description?: string } = {}) {
  return Type.String({
    minLength: options.minLength ?? 1,
    maxLength,
    pattern: '^[^\\u0000-\\u001f\\u007f]*$',
    ...options,
  });
}

/** Localised text: zh-CN first, en too. */
export const LocalisedText = Type.Object(
  { 'zh-CN': Type.String(), en: Type.String() },
  { additionalProperties: false },
);

export const OkBody = Type.Object({ ok: Type.Literal(true) }, { additionalProperties: false });

/** Standard error responses for a route, so OpenAPI documents them. */
export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, ErrorBody]));
}
