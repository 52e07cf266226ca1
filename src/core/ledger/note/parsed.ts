/**
 * The result of every parser in this folder. Parsers never throw on bad input: they say what is wrong
 * in `reason`, a short English phrase meant for logs and error details.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
