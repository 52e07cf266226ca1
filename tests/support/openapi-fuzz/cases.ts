import fc from 'fast-check';
import type { Operation, OpenApiParameter } from './openapi';
import { arbitraryFor } from './schema-arbitrary';

/** A path parameter: a literal (percent-encoded unless `isRaw`), or the n-th id the caller really has. */
export type PathValue = { kind: 'value'; text: string; isRaw?: boolean } | { kind: 'existing'; pick: number };

export type Body = { kind: 'json'; value: unknown } | { kind: 'raw'; payload: string | Buffer };

/** One request of the fuzz, before it is turned into a URL and payload. */
export interface FuzzCase {
  /** The family the case comes from: `valid`, `body-wrong-type`, `path-bad-id`, ... */
  family: string;
  path: Record<string, PathValue>;
  query: [string, string][];
  /** Appended to the query string verbatim: broken percent-encoding and the like. */
  rawQuery?: string;
  body?: Body;
  contentType?: string;
}

/** A body the OpenAPI document cannot describe (raw uploads), given by the suite. */
export interface RawBody {
  contentType: string;
  payload: Buffer;
}

/** The key that pollution attempts try to plant on Object.prototype; the suite checks it is absent. */
export const POLLUTION_KEY = 'mqPolluted';

const NASTY_STRINGS = [
  '\uD800', // lone high surrogate
  '\uDFFF', // lone low surrogate
  'a\uD800b\uDC00c',
  '\u202Egnp.exe', // right-to-left override
  '\u200F\u200E\u061C', // RTL / LTR / Arabic letter marks
  '\u0000',
  'a\u0000b',
  '\uFEFF', // byte-order mark
  '\u200B\u200C\u200D\u2060', // zero-width characters
  'e\u0301\u0301\u0301\u0301', // stacked combining marks
  '👨‍👩‍👧‍👦🏳️‍🌈',
  '𝕳𝖊𝖑𝖑𝖔',
  'İıßﬃ',
  '\r\n\t\u000b\u000c',
  '\u2028\u2029',
  '中文测试 面签',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; drop table accounts; --',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%ff%',
  '\\u0000',
  ' ',
  '',
];

const ODD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  '0',
  'true',
  'null',
  [],
  {},
  [1, 'a', null],
  { a: 1 },
];

const BAD_IDS: PathValue[] = [
  'abc',
  '1',
  '-1',
  '0',
  '1.5',
  '1e400',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '{6f9619ff-8b86-d011-b42d-00c04fc964ff}',
  '6f9619ff8b86d011b42d00c04fc964ff',
  '6f9619ff-8b86-d011-b42d-00c04fc964ff ',
  'x'.repeat(199),
  'x'.repeat(201),
  'x'.repeat(5000),
  '9'.repeat(400),
  '../',
  '..',
  '.',
  '../../admin/accounts',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'true',
  ' ',
  '中文',
  '\u202E\u0000',
  '\uD800',
  '👨‍👩‍👧',
  "'; select 1; --",
].map((text) => ({ kind: 'value' as const, text }));

const RAW_BAD_IDS: PathValue[] = [
  '../',
  '..',
  '..%2f..%2fadmin',
  '%2e%2e%2f',
  '%2e%2e',
  '%00',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE%C0%AE',
  '%FF%FE',
  '%u002e',
  '.%2e/.%2e/',
  '%252e%252e',
  'a%20b',
  '%D8%00',
].map((text) => ({ kind: 'value' as const, text, isRaw: true }));

const BAD_QUERY_VALUES = [
  '',
  'abc',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  'true',
  'null',
  '[]',
  '{}',
  'x'.repeat(10_000),
  '\u0000',
  '\uD800',
  '\u202E',
  '中文',
];

const RAW_QUERIES = [
  '%',
  '%ZZ',
  '%E0%A4%A',
  '&&&',
  '=x',
  '==',
  '__proto__[mqPolluted]=1',
  '__proto__.mqPolluted=1',
  'constructor[prototype][mqPolluted]=1',
  '__proto__=1',
  'a[b][c][d][e]=1',
  'x=%00',
  '?',
  '#',
  'page=1&page=2&page=3',
  'a='.concat('b'.repeat(20_000)),
];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/jsonx',
  'application/vnd.api+json',
  'APPLICATION/JSON',
  'application/json, text/plain',
  'image/png',
  'application/pdf',
  'application/octet-stream',
  ';;;',
  'x',
];

/** Every node of a JSON value, with its path from the root (the root itself has path []). */
function nodesOf(
  value: unknown,
  path: (string | number)[] = [],
  out: { path: (string | number)[]; value: unknown }[] = [],
) {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => nodesOf(v, [...path, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, k], out);
  return out;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/** The value with the node at `path` replaced (the root when path is empty); `undefined` deletes it. */
function setAt(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = clone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    // defineProperty so that a key named __proto__ becomes an own, serialised property.
    Object.defineProperty(node, last, {
      value: replacement,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

function paramText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function queryArb(params: OpenApiParameter[]): fc.Arbitrary<[string, string][]> {
  if (!params.length) return fc.constant([]);
  return fc
    .tuple(
      ...params.map((p) =>
        (p.required ? arbitraryFor(p.schema) : fc.option(arbitraryFor(p.schema), { nil: undefined })).map(
          (v): [string, string][] =>
            v === undefined
              ? []
              : Array.isArray(v)
                ? v.map((x) => [p.name, paramText(x)])
                : [[p.name, paramText(v)]],
        ),
      ),
    )
    .map((parts) => parts.flat());
}

function pathArb(params: OpenApiParameter[]): fc.Arbitrary<Record<string, PathValue>> {
  if (!params.length) return fc.constant({});
  return fc
    .tuple(
      ...params.map((p) =>
        fc.oneof(
          fc.nat().map((n): PathValue => ({ kind: 'existing', pick: n })),
          arbitraryFor(p.schema).map((v): PathValue => ({ kind: 'value', text: paramText(v) })),
        ),
      ),
    )
    .map((values) => Object.fromEntries(params.map((p, i) => [p.name, values[i]!])));
}

/**
 * The arbitrary of requests for one operation: valid ones derived from its schemas, and each kind of
 * bad input (wrong types, missing and extra fields, huge and hostile strings, prototype-pollution
 * keys, bad path ids and query strings, broken JSON, wrong content types, empty bodies, deep nesting)
 * made by mutating a valid one.
 */
export function casesFor(op: Operation, rawBodies: RawBody[] = []): fc.Arbitrary<FuzzCase> {
  const hasJsonBody = op.bodySchema !== undefined;
  const bodyArb: fc.Arbitrary<Pick<FuzzCase, 'body' | 'contentType'>> = hasJsonBody
    ? arbitraryFor(op.bodySchema).map((value) => ({
        body: { kind: 'json' as const, value },
        contentType: 'application/json',
      }))
    : rawBodies.length
      ? fc.constantFrom(...rawBodies).map((b) => ({
          body: { kind: 'raw' as const, payload: b.payload },
          contentType: b.contentType,
        }))
      : fc.constant({});
  const valid: fc.Arbitrary<FuzzCase> = fc
    .record({ path: pathArb(op.pathParams), query: queryArb(op.queryParams), rest: bodyArb })
    .map(({ path, query, rest }) => ({ family: 'valid', path, query, ...rest }));

  const jsonOf = (c: FuzzCase): unknown => (c.body?.kind === 'json' ? c.body.value : {});
  const withJson = (c: FuzzCase, family: string, value: unknown): FuzzCase => ({
    ...c,
    family,
    body: { kind: 'json', value },
    contentType: 'application/json',
  });
  const withText = (
    c: FuzzCase,
    family: string,
    payload: string | Buffer,
    contentType = 'application/json',
  ) => ({
    ...c,
    family,
    body: { kind: 'raw' as const, payload },
    contentType,
  });
  const atNode = (c: FuzzCase, n: number, objectsOnly = false) => {
    const nodes = nodesOf(jsonOf(c)).filter(
      (x) => !objectsOnly || (x.value !== null && typeof x.value === 'object' && !Array.isArray(x.value)),
    );
    return nodes.length ? pick(nodes, n) : { path: [], value: jsonOf(c) };
  };

  const families: { weight: number; arbitrary: fc.Arbitrary<FuzzCase> }[] = [
    { weight: 6, arbitrary: valid },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat()).map(([c, n, m]) => {
        const at = atNode(c, n);
        return withJson(c, 'body-wrong-type', setAt(jsonOf(c), at.path, pick(ODD_VALUES, m)));
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([c, n]) => {
        const nodes = nodesOf(jsonOf(c)).filter((x) => x.path.length > 0);
        if (!nodes.length)
          return { ...c, family: 'body-missing-field', body: undefined, contentType: undefined };
        return withJson(c, 'body-missing-field', setAt(jsonOf(c), pick(nodes, n).path, undefined));
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.nat(),
          fc.oneof(
            fc.constantFrom(
              'extra',
              'id',
              'role',
              'status',
              'isAdmin',
              'accountId',
              'toString',
              'hasOwnProperty',
              '$where',
              '',
            ),
            fc.string({ maxLength: 20 }),
          ),
          fc.jsonValue({ maxDepth: 2 }),
        )
        .map(([c, n, key, value]) => {
          const at = atNode(c, n, true);
          const base = at.value !== null && typeof at.value === 'object' ? at : { path: [], value: {} };
          return withJson(
            c,
            'body-extra-field',
            setAt(base.path.length ? jsonOf(c) : base.value, [...base.path, key], value),
          );
        }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.nat(),
          fc.constantFrom(1_000, 70_000, 300_000),
          fc.constantFrom('x', '中', '\uD83D\uDE00'),
        )
        .map(([c, n, size, unit]) => {
          const at = atNode(c, n);
          return withJson(c, 'body-huge-string', setAt(jsonOf(c), at.path, unit.repeat(size)));
        }),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat(), fc.boolean()).map(([c, n, m, inside]) => {
        const strings = nodesOf(jsonOf(c)).filter((x) => typeof x.value === 'string');
        const nasty = pick(NASTY_STRINGS, m);
        if (!strings.length) return withJson(c, 'body-unicode', setAt(jsonOf(c), atNode(c, n).path, nasty));
        const at = pick(strings, n);
        const text = at.value as string;
        // Either the whole value, or the nasty characters slipped into the middle of a valid one.
        const mixed = inside ? text.slice(0, text.length >> 1) + nasty + text.slice(text.length >> 1) : nasty;
        return withJson(c, 'body-unicode', setAt(jsonOf(c), at.path, mixed));
      }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat()).map(([c, n, m]) => {
        // Raw bytes that are not UTF-8 inside a JSON string.
        const text = JSON.stringify(jsonOf(c)) ?? '{}';
        const cut = n % (text.length + 1);
        const junk = pick(
          [
            Buffer.from([0xff, 0xfe]),
            Buffer.from([0xc0, 0xae]),
            Buffer.from([0xed, 0xa0, 0x80]),
            Buffer.from([0x00]),
          ],
          m,
        );
        return withText(
          c,
          'body-invalid-utf8',
          Buffer.concat([Buffer.from(text.slice(0, cut)), junk, Buffer.from(text.slice(cut))]),
        );
      }),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat()).map(([c, n, m]) => {
        const at = atNode(c, n, true);
        // Key chains ending in the pollution key, each key an own property of the JSON text.
        const attacks = [
          ['__proto__', POLLUTION_KEY],
          ['constructor', 'prototype', POLLUTION_KEY],
          ['__proto__', '__proto__', POLLUTION_KEY],
          ['prototype', POLLUTION_KEY],
          ['__proto__', 'constructor', 'prototype', POLLUTION_KEY],
        ];
        const keys = pick(attacks, m);
        let inner: unknown = 'yes';
        for (const k of keys.slice(1).reverse()) inner = setAt({}, [k], inner);
        const isObject = at.value !== null && typeof at.value === 'object';
        const out = setAt(isObject ? jsonOf(c) : {}, [...(isObject ? at.path : []), keys[0]!], inner);
        return withJson(c, 'body-prototype-pollution', out);
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat()).map(([c, n, m]) => {
        const text = JSON.stringify(jsonOf(c)) ?? '{}';
        const breakers: ((t: string) => string)[] = [
          (t) => t.slice(0, n % Math.max(1, t.length)),
          (t) => t.replace(/"/g, "'"),
          (t) => (t.endsWith('}') ? `${t.slice(0, -1)},}` : `${t},`),
          (t) => `${t}${t}`,
          (t) => `\uFEFF${t}`,
          (t) => t.replace(/:/, ':,'),
          () => '{"a":}',
          () => 'undefined',
          () => 'NaN',
          () => '{"a":1e99999}',
          () => '{"a":"\u0001\u0002"}',
          () => '{"a":"\\ud800"}',
          () => '{"a" 1}',
          () => '{\n',
          () => ']',
          () => '\u0000',
        ];
        return withText(c, 'body-broken-json', pick(breakers, m)(text));
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom(64, 1_000, 10_000, 100_000), fc.boolean(), fc.nat())
        .map(([c, depth, isArray, n]) => {
          const text = isArray
            ? '['.repeat(depth) + ']'.repeat(depth)
            : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
          if (n % 2 === 0) return withText(c, 'body-deep-nesting', text);
          // The deep value as one field of an otherwise valid body.
          const at = atNode(c, n, true);
          const base = JSON.stringify(
            at.path.length === 0 && at.value !== null && typeof at.value === 'object'
              ? { ...(at.value as object), deep: 0 }
              : { deep: 0 },
          );
          return withText(c, 'body-deep-nesting', base.replace('"deep":0', `"deep":${text}`));
        }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([c, n]) => {
        const empties: Pick<FuzzCase, 'body' | 'contentType'>[] = [
          { body: { kind: 'raw', payload: '' }, contentType: 'application/json' },
          { body: { kind: 'raw', payload: ' ' }, contentType: 'application/json' },
          { body: { kind: 'raw', payload: 'null' }, contentType: 'application/json' },
          { body: { kind: 'raw', payload: '""' }, contentType: 'application/json' },
          { body: { kind: 'raw', payload: '[]' }, contentType: 'application/json' },
          { body: { kind: 'raw', payload: '0' }, contentType: 'application/json' },
          { body: undefined, contentType: 'application/json' },
          { body: undefined, contentType: undefined },
          { body: { kind: 'raw', payload: '{}' }, contentType: undefined },
          { body: { kind: 'raw', payload: '' }, contentType: 'application/pdf' },
        ];
        return { ...c, family: 'body-empty', ...pick(empties, n) };
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([c, n]) => {
        const payload = c.body?.kind === 'raw' ? c.body.payload : (JSON.stringify(jsonOf(c)) ?? '{}');
        return withText(c, 'content-type-wrong', payload, pick(WRONG_CONTENT_TYPES, n));
      }),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat(), fc.nat()).map(([c, n, m, k]) => {
        const bad = [...BAD_QUERY_VALUES];
        const names = op.queryParams.map((p) => p.name);
        const query = [...c.query];
        switch (k % 4) {
          case 0: // a required (or any) parameter missing
            return {
              ...c,
              family: 'query-bad',
              query: query.filter(([name]) => name !== pick(names.length ? names : ['-'], n)),
            };
          case 1: // a wrong value
            return {
              ...c,
              family: 'query-bad',
              query: [
                ...query.filter(([name]) => name !== pick(names.length ? names : ['x'], n)),
                [pick(names.length ? names : ['x'], n), pick(bad, m)] as [string, string],
              ],
            };
          case 2: // the same parameter twice, or an unknown one
            return {
              ...c,
              family: 'query-bad',
              query: [
                ...query,
                [pick(names.length ? names : ['unknown'], n), pick(bad, m)] as [string, string],
              ],
            };
          default:
            return { ...c, family: 'query-bad', rawQuery: pick(RAW_QUERIES, m) };
        }
      }),
    },
  ];
  if (op.pathParams.length) {
    families.push({
      weight: 4,
      arbitrary: fc.tuple(valid, fc.nat(), fc.nat()).map(([c, n, m]) => {
        const name = pick(op.pathParams, n).name;
        return {
          ...c,
          family: 'path-bad-id',
          path: { ...c.path, [name]: pick([...BAD_IDS, ...RAW_BAD_IDS], m) },
        };
      }),
    });
  }
  return fc.oneof(...families);
}
